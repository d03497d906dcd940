package dev.realtime.chat.persistence.system;

/** Why a message went to the dead-letter queue; the kind prefixes the reason header and tags the metric. */
public enum DeadLetterReason {
    /** The body is not a MessageBatch. */
    MALFORMED("malformed"),
    /** A message failed validation (missing ids, seq < 1, content too long...). */
    INVALID("invalid"),
    /** Cassandra kept rejecting the write after every retry. */
    RETRIES_EXHAUSTED("retries-exhausted");

    private final String kind;

    DeadLetterReason(String kind) {
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }

    /** The value of the {@code x-chat-failure-reason} header: {@code <kind>: <detail>}. */
    public String header(String detail) {
        return kind + ": " + detail;
    }
}
