package dev.realtime.chat.gateway.event;

import dev.realtime.chat.gateway.conversation.ConversationMembers;
import dev.realtime.chat.gateway.publish.AmqpPublisher;
import dev.realtime.chat.gateway.publish.PublisherThreads;
import dev.realtime.chat.gateway.redis.GatewayRedis;
import dev.realtime.chat.gateway.session.SessionMessenger;
import dev.realtime.chat.gateway.websocket.GatewayProperties;
import dev.realtime.chat.model.topology.RedisKeys;
import dev.realtime.chat.support.config.ChatProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EventConfiguration {

    @Bean
    EventBatchPublisher eventBatchPublisher(ChatProperties chat, AmqpPublisher amqp, PublisherThreads threads,
            GatewayProperties properties, MeterRegistry registry) {
        return new EventBatchPublisher(chat.instanceId(), chat.deliveryShards(), amqp, threads.executor(),
                properties.maxBatchMessages(), properties.maxBatchBytes(), properties.maxPendingPerShard(), registry);
    }

    @Bean
    ReadMarks readMarks(GatewayRedis redis, RedisKeys keys) {
        return new ReadMarks(redis, keys);
    }

    @Bean
    ConversationEvents conversationEvents(ConversationMembers members, EventBatchPublisher publisher,
            ReadMarks readMarks, SessionMessenger messenger) {
        return new ConversationEvents(members, publisher, readMarks, messenger);
    }
}
