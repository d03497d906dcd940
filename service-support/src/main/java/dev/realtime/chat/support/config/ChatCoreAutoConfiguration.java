package dev.realtime.chat.support.config;

import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.id.SnowflakeIdGenerator;
import dev.realtime.chat.model.topology.RedisKeys;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Ids, Redis key names and the wire's JSON settings, for every service. */
@AutoConfiguration
@EnableConfigurationProperties(ChatProperties.class)
public class ChatCoreAutoConfiguration {

    @Bean
    RedisKeys redisKeys(ChatProperties properties) {
        return new RedisKeys(properties.redis().keyPrefix());
    }

    @Bean
    SnowflakeIdGenerator snowflakeIdGenerator(ChatProperties properties) {
        return new SnowflakeIdGenerator(properties.workerId());
    }

    /** Spring's ObjectMapper (REST, STOMP) writes exactly what {@link JsonCodec} writes. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer chatWireJson() {
        return builder -> builder.postConfigurer(JsonCodec::configure);
    }
}
