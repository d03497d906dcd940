package dev.realtime.chat.model.wire;

import java.time.Instant;

/** Sent on {@code /user/queue/acks} once a message is durably accepted by the broker. */
public record MessageAck(String clientMessageId, String messageId, String conversationId, long seq, Instant sentAt) {

    public static MessageAck of(ChatMessage message) {
        return new MessageAck(message.clientMessageId(), message.messageId(), message.conversationId(), message.seq(),
                message.sentAt());
    }
}
