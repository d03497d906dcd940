package dev.realtime.chat.persistence.consume;

import com.rabbitmq.client.AMQP;
import dev.realtime.chat.model.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes retries, dead letters and replays, persistent and mandatory, and completes when the broker confirms
 * (asynchronously: publisher confirms of type correlated). Fails on a nack, a return (no queue) or a timeout.
 */
public final class AmqpPublisher {

    /** Headers the broker or Spring add, that must not travel with a republished copy. */
    private static final java.util.Set<String> DROPPED_HEADERS = java.util.Set.of("x-death", "x-first-death-queue",
            "x-first-death-reason", "x-first-death-exchange", "x-last-death-queue", "x-last-death-reason",
            "x-last-death-exchange", "spring_returned_message_correlation", "spring_listener_return_correlation",
            Topology.HEADER_FAILURE_REASON, Topology.HEADER_RETRY_COUNT, PersistHeaders.FAILED_AT,
            PersistHeaders.LAST_ERROR);

    private final RabbitTemplate template;
    private final Duration confirmTimeout;

    public AmqpPublisher(RabbitTemplate template, Duration confirmTimeout) {
        this.template = template;
        this.confirmTimeout = confirmTimeout;
    }

    public CompletableFuture<Void> publish(Publication publication, AMQP.BasicProperties original) {
        MessageProperties properties = copyOf(original);
        properties.setHeader(Topology.HEADER_RETRY_COUNT, publication.retryCount());
        if (publication.kind() == Publication.Kind.RETRY) {
            if (publication.lastError() != null) {
                properties.setHeader(PersistHeaders.LAST_ERROR, publication.lastError());
            }
            if (publication.expiration() != null) {
                properties.setExpiration(Long.toString(publication.expiration().toMillis()));
            }
            return send("", Topology.persistRetryQueue(publication.attempt()), publication.body(), properties);
        }
        properties.setHeader(Topology.HEADER_FAILURE_REASON, publication.reason());
        properties.setHeader(PersistHeaders.FAILED_AT, Instant.now().toString());
        return send(Topology.DEAD_LETTER_EXCHANGE, Topology.PERSIST_DEAD_LETTER_QUEUE, publication.body(),
                properties);
    }

    /** A dead letter back to the persist queue (not the topic exchange: delivery has already happened). */
    public CompletableFuture<Void> replay(byte[] body, AMQP.BasicProperties original, int replayCount) {
        MessageProperties properties = copyOf(original);
        properties.setHeader(Topology.HEADER_RETRY_COUNT, 0);
        properties.setHeader(PersistHeaders.REPLAY_COUNT, replayCount);
        return send("", Topology.PERSIST_QUEUE, body, properties);
    }

    private CompletableFuture<Void> send(String exchange, String routingKey, byte[] body,
            MessageProperties properties) {
        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
        try {
            template.send(exchange, routingKey, new Message(body, properties), correlation);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new PublishException(routingKey, "send failed: " + e, e));
        }
        return correlation.getFuture().orTimeout(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(confirm -> {
                    if (!confirm.isAck()) {
                        throw new PublishException(routingKey, "broker nack: " + confirm.getReason(), null);
                    }
                    if (correlation.getReturned() != null) {
                        throw new PublishException(routingKey,
                                "returned: " + correlation.getReturned().getReplyText(), null);
                    }
                    return null;
                });
    }

    private static MessageProperties copyOf(AMQP.BasicProperties original) {
        MessageProperties properties = new MessageProperties();
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setType(Topology.TYPE_MESSAGE_BATCH);
        if (original == null) {
            return properties;
        }
        if (original.getType() != null) {
            properties.setType(original.getType());
        }
        if (original.getContentType() != null) {
            properties.setContentType(original.getContentType());
        }
        if (original.getContentEncoding() != null) {
            properties.setContentEncoding(original.getContentEncoding());
        }
        if (original.getMessageId() != null) {
            properties.setMessageId(original.getMessageId());
        }
        if (original.getAppId() != null) {
            properties.setAppId(original.getAppId());
        }
        Date timestamp = original.getTimestamp();
        if (timestamp != null) {
            properties.setTimestamp(timestamp);
        }
        Map<String, Object> headers = original.getHeaders();
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (!DROPPED_HEADERS.contains(name) && value != null) {
                    properties.setHeader(name, value);
                }
            });
        }
        return properties;
    }

    /** The broker did not take a publish: the input stays unacknowledged and is requeued. */
    public static final class PublishException extends RuntimeException {

        PublishException(String routingKey, String message, Throwable cause) {
            super("publish to " + routingKey + " failed: " + message, cause);
        }
    }
}
