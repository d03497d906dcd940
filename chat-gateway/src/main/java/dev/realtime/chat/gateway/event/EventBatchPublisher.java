package dev.realtime.chat.gateway.event;

import dev.realtime.chat.gateway.publish.AmqpPublisher;
import dev.realtime.chat.gateway.publish.BatchingLane;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.EventBatch;
import dev.realtime.chat.model.envelope.EventEnvelope;
import dev.realtime.chat.model.topology.Topology;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typing and receipt events, batched per delivery shard like chat messages (one {@link EventBatch} per publish,
 * routing key {@code event.<shard>}), but transient: no confirm; a batch the broker does not take is dropped and
 * counted ({@code chat.events.dropped}).
 */
class EventBatchPublisher {

    private static final Logger log = LoggerFactory.getLogger(EventBatchPublisher.class);

    private final List<BatchingLane<EventEnvelope>> lanes = new ArrayList<>();
    private final String gatewayId;
    private final AmqpPublisher amqp;
    private final Counter dropped;

    EventBatchPublisher(String gatewayId, int shards, AmqpPublisher amqp, Executor executor, int maxEvents,
            int maxBytes, int capacity, MeterRegistry registry) {
        this.gatewayId = gatewayId;
        this.amqp = amqp;
        this.dropped = Counter.builder("chat.events.dropped").description("typing/receipt events the broker did not take")
                .register(registry);
        for (int shard = 0; shard < shards; shard++) {
            int s = shard;
            lanes.add(new BatchingLane<>(executor, batch -> publish(s, batch), (batch, failure) -> {
                if (failure != null) {
                    dropped.increment(batch.size());
                    log.debug("Dropped {} events: {}", batch.size(), failure.toString());
                }
            }, event -> 64 + event.payloadJson().length() + event.recipientIds().size() * 24, maxEvents, maxBytes,
                    capacity));
        }
    }

    void publish(EventEnvelope event) {
        if (!lanes.get(Topology.shardOf(event.conversationId(), lanes.size())).offer(event)) {
            dropped.increment(); // transient: a full backlog drops events rather than memory
        }
    }

    private CompletableFuture<Void> publish(int shard, List<EventEnvelope> batch) {
        amqp.publish(Topology.MESSAGES_EXCHANGE, Topology.eventRoutingKey(shard), Topology.TYPE_EVENT_BATCH,
                JsonCodec.toBytes(new EventBatch(gatewayId, List.copyOf(batch))), false);
        return CompletableFuture.completedFuture(null);
    }
}
