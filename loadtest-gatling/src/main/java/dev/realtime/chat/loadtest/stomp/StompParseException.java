package dev.realtime.chat.loadtest.stomp;

/** A WebSocket message that is not well-formed STOMP 1.2. */
public final class StompParseException extends RuntimeException {

    public StompParseException(String message) {
        super(message);
    }
}
