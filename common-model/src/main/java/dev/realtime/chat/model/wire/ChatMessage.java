package dev.realtime.chat.model.wire;

import java.time.Instant;

/** A chat message as clients see it on {@code /user/queue/messages} and in history. */
public record ChatMessage(String messageId, String conversationId, long seq, String senderId, String content,
        Instant sentAt, String clientMessageId) {
}
