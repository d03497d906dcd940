package dev.realtime.chat.model.envelope;

import java.util.List;

/**
 * Many chat messages in one AMQP message, all of one delivery shard, in the order the gateway accepted them.
 * Published to {@link dev.realtime.chat.model.topology.Topology#MESSAGES_EXCHANGE} with routing key
 * {@code message.<shard>}: it reaches that shard's delivery queue and the persist queue.
 */
public record MessageBatch(String gatewayId, List<MessageEnvelope> messages) {
}
