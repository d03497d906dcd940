package dev.realtime.chat.presence.state;

import dev.realtime.chat.model.wire.PresenceStatus;
import java.time.Instant;
import java.util.Objects;

/** What {@code user:<id>:presence} holds: the status and when the user was last seen. */
public record PresenceState(PresenceStatus status, Instant lastSeen) {

    public PresenceState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
