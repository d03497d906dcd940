package dev.realtime.chat.model.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public enum PresenceStatus {
    ONLINE, AWAY, BUSY, OFFLINE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static PresenceStatus fromWire(String value) {
        for (PresenceStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("status must be online, away, busy or offline");
    }

    /** What a client may set with {@code /app/presence.status}; offline is only ever derived. */
    public boolean settableByClient() {
        return this != OFFLINE;
    }
}
