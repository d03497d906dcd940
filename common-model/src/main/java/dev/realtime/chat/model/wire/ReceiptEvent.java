package dev.realtime.chat.model.wire;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code {"type":"receipt","conversationId","userId","kind","seq"}} on {@code /user/queue/events}. */
@JsonPropertyOrder({ "type", "conversationId", "userId", "kind", "seq" })
public record ReceiptEvent(String conversationId, String userId, ReceiptKind kind, long seq) {

    @JsonProperty("type")
    public String type() {
        return "receipt";
    }
}
