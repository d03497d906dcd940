package dev.realtime.chat.router.forward;

/** A gateway publish the broker did not confirm (nack, closed channel, no connection): retried. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
