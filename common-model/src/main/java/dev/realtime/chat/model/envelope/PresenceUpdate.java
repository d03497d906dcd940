package dev.realtime.chat.model.envelope;

import dev.realtime.chat.model.wire.PresenceStatus;
import java.time.Instant;

/**
 * A gateway's report of a presence change, published to {@code chat.presence}: {@code connected} when a user's
 * first session on that gateway opens, {@code disconnected} when the last one closes, {@code status} when the
 * user sets a status with {@code /app/presence.status}. The presence service turns these into the user's
 * presence and the events their contacts see.
 */
public record PresenceUpdate(String userId, String gatewayId, Kind kind, PresenceStatus status, Instant at) {

    public enum Kind {
        CONNECTED, DISCONNECTED, STATUS
    }
}
