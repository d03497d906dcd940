package dev.realtime.chat.loadtest.verify;

import java.util.List;

/**
 * What the verifier found.
 *
 * @param acked acknowledged messages checked
 * @param persisted found in {@code chat.messages} at their seq with their messageId
 * @param missing no row at their seq
 * @param mismatched a row at their seq holds another messageId
 * @param storedTwice their messageId or clientMessageId is stored at more than one seq
 * @param undelivered not received by every member that was online when they were sent (from the simulation)
 * @param lost distinct messages that are missing, mismatched or undelivered: the LOST count of the bench
 * @param waitedMillis how long the verifier waited for persistence to catch up
 * @param sample up to 10 lost or doubled messages as conversationId/seq
 */
public record VerificationResult(long acked, long persisted, long missing, long mismatched, long storedTwice,
        long undelivered, long lost, long waitedMillis, List<String> sample) {
}
