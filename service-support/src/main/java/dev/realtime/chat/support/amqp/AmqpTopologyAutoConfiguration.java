package dev.realtime.chat.support.amqp;

import dev.realtime.chat.support.config.ChatProperties;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Declares {@link SharedTopology} through the RabbitAdmin that Spring Boot creates. */
@AutoConfiguration
@ConditionalOnClass(ConnectionFactory.class)
public class AmqpTopologyAutoConfiguration {

    @Bean
    Declarables chatSharedTopology(ChatProperties properties) {
        return new Declarables(SharedTopology.declarables(properties.deliveryShards()));
    }
}
