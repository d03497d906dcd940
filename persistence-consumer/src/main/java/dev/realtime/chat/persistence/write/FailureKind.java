package dev.realtime.chat.persistence.write;

/** How a failed write is handled. */
public enum FailureKind {
    /**
     * Cassandra cannot be reached (no node, connection closed, client-side timeout, breaker open): the batch goes
     * back to the queue as it is, without costing a retry, and the breaker decides when to try again.
     */
    UNAVAILABLE,
    /** Cassandra answered with an error (server timeout, overload, rejection): retry with backoff, then DLQ. */
    REJECTED
}
