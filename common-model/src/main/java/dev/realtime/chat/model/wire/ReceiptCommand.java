package dev.realtime.chat.model.wire;

/** Body of a STOMP SEND to {@code /app/chat.receipt}: a watermark, everything up to {@code seq}. */
public record ReceiptCommand(String conversationId, ReceiptKind kind, Long seq) {
}
