package dev.realtime.chat.loadtest.verify;

/** One row of {@code chat.messages} as the verifier reads it. */
public record StoredRow(long seq, String messageId, String clientMessageId) {
}
