package dev.realtime.chat.model.envelope;

import java.util.List;

/** Events published with routing key {@code event.<shard>}: delivered, never persisted. */
public record EventBatch(String gatewayId, List<EventEnvelope> events) {
}
