package dev.realtime.chat.gateway.redis;

import dev.realtime.chat.gateway.websocket.GatewayProperties;
import io.lettuce.core.RedisURI;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The real-time path's own Lettuce connection, to the Redis of {@code spring.data.redis.*}. */
@Configuration(proxyBeanMethods = false)
class GatewayRedisConfiguration {

    @Bean(destroyMethod = "close")
    GatewayRedis gatewayRedis(RedisProperties redis, GatewayProperties properties) {
        RedisURI.Builder uri = RedisURI.builder()
                .withHost(redis.getHost())
                .withPort(redis.getPort())
                .withDatabase(redis.getDatabase())
                .withSsl(redis.getSsl().isEnabled())
                .withTimeout(properties.redisTimeout());
        if (redis.getPassword() != null) {
            if (redis.getUsername() != null) {
                uri.withAuthentication(redis.getUsername(), redis.getPassword().toCharArray());
            } else {
                uri.withPassword(redis.getPassword().toCharArray());
            }
        }
        return new GatewayRedis(uri.build(), properties.redisTimeout());
    }
}
