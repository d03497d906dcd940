package dev.realtime.chat.persistence.consume;

/** Headers of this service, besides the shared retry-count and failure-reason of Topology. */
public final class PersistHeaders {

    /** When a message was dead-lettered (ISO-8601). */
    public static final String FAILED_AT = "x-chat-failed-at";
    /** The last write error of a message on its way through the retry queues. */
    public static final String LAST_ERROR = "x-chat-last-error";
    /** How many times a dead letter was replayed. */
    public static final String REPLAY_COUNT = "x-chat-replay-count";

    private PersistHeaders() {
    }
}
