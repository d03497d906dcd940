package dev.realtime.chat.gateway.presence;

import dev.realtime.chat.gateway.publish.AmqpPublisher;
import dev.realtime.chat.gateway.publish.PublisherThreads;
import dev.realtime.chat.support.config.ChatProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PresencePublishingConfiguration {

    @Bean
    PresenceUpdatePublisher presenceUpdatePublisher(ChatProperties chat, AmqpPublisher amqp,
            PublisherThreads threads, MeterRegistry registry) {
        return new PresenceUpdatePublisher(chat.instanceId(), amqp, threads, registry);
    }
}
