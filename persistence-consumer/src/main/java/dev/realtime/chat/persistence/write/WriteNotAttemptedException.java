package dev.realtime.chat.persistence.write;

/**
 * A batch waited for a write slot and, by the time one was free, the circuit breaker had opened: it was not sent to
 * Cassandra. Counts as "Cassandra unreachable" ({@link FailureClassifier}): the batch goes back to the queue without
 * using a retry.
 */
public final class WriteNotAttemptedException extends RuntimeException {

    public WriteNotAttemptedException(String message) {
        super(message, null, false, false);
    }
}
