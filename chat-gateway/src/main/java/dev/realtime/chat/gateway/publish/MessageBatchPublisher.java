package dev.realtime.chat.gateway.publish;

import dev.realtime.chat.gateway.websocket.GatewayProperties;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.MessageBatch;
import dev.realtime.chat.model.envelope.MessageEnvelope;
import dev.realtime.chat.model.topology.Topology;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The batching publisher: one {@link BatchingLane} per delivery shard; each batch is one {@link MessageBatch}
 * (persistent, confirmed) to {@code chat.messages} with routing key {@code message.<shard>}.
 */
public class MessageBatchPublisher implements MessagePublisher {

    private final List<BatchingLane<PendingMessage>> lanes = new ArrayList<>();
    private final String gatewayId;
    private final AmqpPublisher amqp;
    private final DistributionSummary batchSize;

    public MessageBatchPublisher(String gatewayId, int shards, AmqpPublisher amqp, PublishOutcome outcome,
            Executor executor, GatewayProperties properties, MeterRegistry registry) {
        this.gatewayId = gatewayId;
        this.amqp = amqp;
        this.batchSize = DistributionSummary.builder("chat.publish.batch.size").baseUnit("messages")
                .description("Chat messages per MessageBatch").register(registry);
        for (int shard = 0; shard < shards; shard++) {
            int s = shard;
            lanes.add(new BatchingLane<>(executor, batch -> publish(s, batch), (batch, failure) -> {
                if (failure == null) {
                    outcome.confirmed(batch);
                } else {
                    outcome.failed(batch, failure);
                }
            }, PendingMessage::estimatedBytes, properties.maxBatchMessages(), properties.maxBatchBytes(),
                    properties.maxPendingPerShard()));
        }
    }

    @Override
    public boolean publish(PendingMessage message) {
        return lanes.get(Topology.shardOf(message.conversationId(), lanes.size())).offer(message);
    }

    private CompletableFuture<Void> publish(int shard, List<PendingMessage> batch) {
        List<MessageEnvelope> envelopes = new ArrayList<>(batch.size());
        for (PendingMessage pending : batch) {
            envelopes.add(new MessageEnvelope(pending.message(), pending.memberIds()));
        }
        batchSize.record(batch.size());
        byte[] body = JsonCodec.toBytes(new MessageBatch(gatewayId, envelopes));
        return amqp.publishConfirmed(Topology.MESSAGES_EXCHANGE, Topology.messageRoutingKey(shard),
                Topology.TYPE_MESSAGE_BATCH, body);
    }

    /** Messages queued or waiting for a confirm. */
    public int pending() {
        return lanes.stream().mapToInt(BatchingLane::pending).sum();
    }

    /** Waits (polling, at shutdown only) until every batch was confirmed or failed; false on timeout. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            synchronized (this) {
                wait(20);
            }
        }
        return true;
    }
}
