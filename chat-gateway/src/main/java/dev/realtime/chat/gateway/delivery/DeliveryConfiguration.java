package dev.realtime.chat.gateway.delivery;

import dev.realtime.chat.gateway.session.LocalSessions;
import dev.realtime.chat.gateway.session.SessionMessenger;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.support.amqp.SharedTopology;
import dev.realtime.chat.support.config.ChatProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This gateway's own queue ({@code chat.gateway.<instance-id>}) and its single consumer. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    /** Non-durable, expiring: declared (again after every reconnect) by Spring Boot's RabbitAdmin. */
    @Bean
    Declarables gatewayQueueDeclarables(ChatProperties chat) {
        return new Declarables(SharedTopology.gatewayDeclarables(chat.instanceId()));
    }

    @Bean
    GatewayDeliveryListener gatewayDeliveryListener(LocalSessions sessions, SessionMessenger messenger,
            MeterRegistry registry) {
        return new GatewayDeliveryListener(sessions, messenger, registry);
    }

    @Bean
    ResyncNotifier resyncNotifier(LocalSessions sessions, SessionMessenger messenger, MeterRegistry registry,
            ConnectionFactory connectionFactory) {
        ResyncNotifier notifier = new ResyncNotifier(sessions, messenger, registry);
        connectionFactory.addConnectionListener(notifier);
        return notifier;
    }

    /**
     * One consumer: deliveries of a conversation reach the sockets in the order the router sent them. Auto-ack
     * after the listener returns (a transient hop; the listener never blocks), prefetch bounds memory.
     */
    @Bean
    SimpleMessageListenerContainer gatewayDeliveryContainer(ConnectionFactory connectionFactory, ChatProperties chat,
            GatewayDeliveryListener listener) {
        SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(Topology.gatewayQueue(chat.instanceId()));
        container.setMessageListener(listener);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setPrefetchCount(100);
        container.setConcurrentConsumers(1);
        container.setMissingQueuesFatal(false);
        container.setDefaultRequeueRejected(false);
        container.setRecoveryInterval(1_000);
        return container;
    }
}
