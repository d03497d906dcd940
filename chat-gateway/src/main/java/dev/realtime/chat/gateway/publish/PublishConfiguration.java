package dev.realtime.chat.gateway.publish;

import dev.realtime.chat.gateway.websocket.GatewayProperties;
import dev.realtime.chat.support.config.ChatProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The batching publishers' threads and broker access. */
@Configuration(proxyBeanMethods = false)
class PublishConfiguration {

    @Bean(destroyMethod = "close")
    PublisherThreads publisherThreads(ChatProperties chat) {
        return new PublisherThreads(Math.max(2, chat.deliveryShards()));
    }

    @Bean
    AmqpPublisher amqpPublisher(ConnectionFactory connectionFactory, GatewayProperties properties) {
        return new RabbitAmqpPublisher(connectionFactory, properties.publishTimeout());
    }

    @Bean
    MessageBatchPublisher messageBatchPublisher(ChatProperties chat, AmqpPublisher amqp, PublishOutcome outcome,
            PublisherThreads threads, GatewayProperties properties, MeterRegistry registry) {
        return new MessageBatchPublisher(chat.instanceId(), chat.deliveryShards(), amqp, outcome, threads.executor(),
                properties, registry);
    }
}
