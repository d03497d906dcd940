package dev.realtime.chat.gateway.session;

import dev.realtime.chat.gateway.presence.PresenceUpdatePublisher;
import dev.realtime.chat.gateway.redis.GatewayRedis;
import dev.realtime.chat.gateway.websocket.GatewayProperties;
import dev.realtime.chat.model.topology.RedisKeys;
import dev.realtime.chat.support.config.ChatProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    @Bean
    RedisSessionRegistry redisSessionRegistry(GatewayRedis redis, RedisKeys keys, LocalSessions sessions,
            ChatProperties chat, GatewayProperties properties) {
        return new RedisSessionRegistry(redis, keys, sessions, chat.instanceId(), properties);
    }

    @Bean
    SessionEventsListener sessionEventsListener(LocalSessions sessions, RedisSessionRegistry registry,
            PresenceUpdatePublisher presence) {
        return new SessionEventsListener(sessions, registry, presence);
    }
}
