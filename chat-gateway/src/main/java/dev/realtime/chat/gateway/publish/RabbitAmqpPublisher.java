package dev.realtime.chat.gateway.publish;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Spring AMQP publishing with correlated publisher confirms (asynchronous: nobody waits for a confirm on a
 * thread) and mandatory returns, so that an unroutable batch fails instead of vanishing. A channel that closes
 * with confirms outstanding nacks them (Spring AMQP), so a lost connection fails the batch at once; a confirm that
 * never comes fails it after {@code publishTimeout}.
 */
public class RabbitAmqpPublisher implements AmqpPublisher {

    private final RabbitTemplate template;
    private final long timeoutMillis;

    public RabbitAmqpPublisher(ConnectionFactory connectionFactory, Duration publishTimeout) {
        this.template = new RabbitTemplate(connectionFactory);
        this.template.setMandatory(true);
        this.timeoutMillis = publishTimeout.toMillis();
    }

    @Override
    public CompletableFuture<Void> publishConfirmed(String exchange, String routingKey, String type, byte[] body) {
        CorrelationData correlation = new CorrelationData();
        template.send(exchange, routingKey, message(type, body, true), correlation);
        return correlation.getFuture().orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).thenApply(confirm -> {
            if (correlation.getReturned() != null) {
                throw new PublishFailedException("unroutable: " + correlation.getReturned().getReplyText());
            }
            if (!confirm.isAck()) {
                throw new PublishFailedException("nacked: " + confirm.getReason());
            }
            return null;
        });
    }

    @Override
    public void publish(String exchange, String routingKey, String type, byte[] body, boolean persistent) {
        template.send(exchange, routingKey, message(type, body, persistent));
    }

    private static Message message(String type, byte[] body, boolean persistent) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setType(type);
        properties.setDeliveryMode(persistent ? MessageDeliveryMode.PERSISTENT : MessageDeliveryMode.NON_PERSISTENT);
        return new Message(body, properties);
    }

    /** The broker did not take a batch. Transient from the client's point of view: resend. */
    public static class PublishFailedException extends RuntimeException {

        public PublishFailedException(String message) {
            super(message);
        }
    }
}
