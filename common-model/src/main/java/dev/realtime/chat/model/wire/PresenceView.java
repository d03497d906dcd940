package dev.realtime.chat.model.wire;

import java.time.Instant;

/** One entry of {@code GET /api/presence}. {@code lastSeen} is null for a user never seen. */
public record PresenceView(String userId, PresenceStatus status, Instant lastSeen) {
}
