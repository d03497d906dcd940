package dev.realtime.chat.presence.events;

import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.EventBatch;
import dev.realtime.chat.model.envelope.EventEnvelope;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.PresenceEvent;
import dev.realtime.chat.presence.state.PresenceState;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes a {@link PresenceEvent} as an {@link EventBatch} through {@code chat.messages} with key
 * {@code event.<shard of the user id>}: the delivery router routes it to the contacts' gateways like any event.
 * Confirms are awaited asynchronously (correlated publisher confirms).
 */
public final class RabbitPresenceEventPublisher implements PresenceEventPublisher {

    private final RabbitTemplate template;
    private final String instanceId;
    private final int deliveryShards;
    private final Duration timeout;

    public RabbitPresenceEventPublisher(RabbitTemplate template, String instanceId, int deliveryShards,
            Duration timeout) {
        this.template = template;
        this.instanceId = instanceId;
        this.deliveryShards = deliveryShards;
        this.timeout = timeout;
    }

    /** The body a presence change is sent as. */
    public static EventBatch eventBatch(String sourceId, String userId, PresenceState state,
            Collection<String> contacts) {
        String payload = JsonCodec.toJson(new PresenceEvent(userId, state.status(), state.lastSeen()));
        return new EventBatch(sourceId, List.of(new EventEnvelope(null, List.copyOf(contacts), userId, payload)));
    }

    @Override
    public CompletableFuture<Void> publish(String userId, PresenceState state, Collection<String> contacts) {
        Message message = MessageBuilder.withBody(JsonCodec.toBytes(eventBatch(instanceId, userId, state, contacts)))
                .setType(Topology.TYPE_EVENT_BATCH)
                .setContentType("application/json")
                .setDeliveryMode(MessageDeliveryMode.NON_PERSISTENT)
                .build();
        CorrelationData correlation = new CorrelationData();
        try {
            template.send(Topology.MESSAGES_EXCHANGE,
                    Topology.eventRoutingKey(Topology.shardOf(userId, deliveryShards)), message, correlation);
        } catch (AmqpException e) {
            return CompletableFuture.failedFuture(e);
        }
        return correlation.getFuture().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).thenAccept(confirm -> {
            if (!confirm.isAck()) {
                throw new IllegalStateException("the broker refused a presence event: " + confirm.getReason());
            }
        });
    }
}
