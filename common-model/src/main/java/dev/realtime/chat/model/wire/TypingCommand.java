package dev.realtime.chat.model.wire;

/** Body of a STOMP SEND to {@code /app/chat.typing}. */
public record TypingCommand(String conversationId) {
}
