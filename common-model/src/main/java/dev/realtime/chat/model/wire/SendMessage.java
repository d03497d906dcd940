package dev.realtime.chat.model.wire;

/** Body of a STOMP SEND to {@code /app/chat.send}. */
public record SendMessage(String conversationId, String clientMessageId, String content) {

    public static final int MAX_CONTENT_LENGTH = 4000;
    public static final int MAX_CLIENT_MESSAGE_ID_LENGTH = 128;
}
