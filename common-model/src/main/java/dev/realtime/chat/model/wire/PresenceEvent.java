package dev.realtime.chat.model.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/** {@code {"type":"presence","userId","status","lastSeen"}} on {@code /user/queue/events}. */
@JsonPropertyOrder({ "type", "userId", "status", "lastSeen" })
public record PresenceEvent(String userId, PresenceStatus status, Instant lastSeen) {

    @JsonProperty("type")
    public String type() {
        return "presence";
    }
}
