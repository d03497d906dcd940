package dev.realtime.chat.gateway.websocket;

/** A frame body that can never succeed; the message is safe to show, {@code clientMessageId} may be null. */
public class InvalidFrameException extends RuntimeException {

    private final String clientMessageId;

    public InvalidFrameException(String safeMessage, String clientMessageId) {
        super(safeMessage, null, false, false);
        this.clientMessageId = clientMessageId;
    }

    public String clientMessageId() {
        return clientMessageId;
    }
}
