package dev.realtime.chat.gateway.auth;

/** A token that is missing, malformed, forged or expired. The message is safe to show to clients. */
public class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String safeMessage) {
        super(safeMessage);
    }

    public InvalidTokenException(String safeMessage, Throwable cause) {
        super(safeMessage, cause);
    }
}
