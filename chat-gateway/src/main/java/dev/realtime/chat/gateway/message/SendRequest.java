package dev.realtime.chat.gateway.message;

/** A validated {@code /app/chat.send} body. */
record SendRequest(String conversationId, String clientMessageId, String content) {
}
