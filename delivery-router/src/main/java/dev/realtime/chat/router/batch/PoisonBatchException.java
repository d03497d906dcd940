package dev.realtime.chat.router.batch;

/** An input body that can never be routed (unparseable, unknown type): dead-lettered, never retried. */
public class PoisonBatchException extends RuntimeException {

    private final String reason;

    public PoisonBatchException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** Bounded reason, for the metric tag and the dead-letter log line. */
    public String reason() {
        return reason;
    }
}
