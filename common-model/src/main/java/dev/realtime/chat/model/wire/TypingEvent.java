package dev.realtime.chat.model.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code {"type":"typing","conversationId","userId"}} on {@code /user/queue/events}. */
@JsonPropertyOrder({ "type", "conversationId", "userId" })
public record TypingEvent(String conversationId, String userId) {

    @JsonProperty("type")
    public String type() {
        return "typing";
    }
}
