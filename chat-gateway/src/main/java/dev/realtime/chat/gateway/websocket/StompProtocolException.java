package dev.realtime.chat.gateway.websocket;

/** A frame that is not STOMP, or too big: answered with an ERROR frame, and the connection closes. */
public class StompProtocolException extends RuntimeException {

    private final boolean tooBig;

    public StompProtocolException(String message) {
        this(message, false);
    }

    public StompProtocolException(String message, boolean tooBig) {
        super(message, null, false, false);
        this.tooBig = tooBig;
    }

    public boolean tooBig() {
        return tooBig;
    }
}
