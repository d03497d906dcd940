package dev.realtime.chat.persistence.consume;

import dev.realtime.chat.persistence.system.DeadLetterReason;
import java.time.Duration;

/**
 * A body to hand on before the input is acknowledged: to retry queue {@code attempt}, or to the dead-letter queue.
 *
 * @param attempt the retry queue number (1-based) for a retry; 0 for the DLQ
 * @param retryCount the value of the retry-count header
 * @param reason the failure-reason header (DLQ only)
 * @param lastError what failed last (retries: a header for operators)
 * @param expiration per-message TTL for a retry queue, or null for the queue's own TTL
 * @param messageCount chat messages in the body (1 for a malformed body)
 */
public record Publication(Kind kind, int attempt, byte[] body, int retryCount, DeadLetterReason deadLetterReason,
        String reason, String lastError, Duration expiration, int messageCount) {

    public enum Kind { RETRY, DEAD_LETTER }

    public static Publication retry(int attempt, byte[] body, String lastError, Duration expiration,
            int messageCount) {
        return new Publication(Kind.RETRY, attempt, body, attempt, null, null, lastError, expiration, messageCount);
    }

    public static Publication deadLetter(DeadLetterReason reason, String detail, byte[] body, int retryCount,
            int messageCount) {
        return new Publication(Kind.DEAD_LETTER, 0, body, retryCount, reason, reason.header(detail), null, null,
                messageCount);
    }
}
