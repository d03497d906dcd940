package dev.realtime.chat.gateway.message;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** Seq and idempotency of the send path (Redis). */
interface SendLedger {

    /**
     * One round trip: if the idempotency key exists, its record; else the next seq of the conversation, and the
     * record {@code recordPrefix + seq + recordSuffix} stored under the key. {@code onAnswer} is attached before
     * the call is issued, so answers are handed to it in the order Redis executed the calls (seq order within a
     * conversation). The returned future completes after {@code onAnswer} ran.
     */
    CompletableFuture<Allocation> allocate(String conversationId, String idempotencyKey, String recordPrefix,
            String recordSuffix, BiConsumer<Allocation, Throwable> onAnswer);

    /**
     * Whether this conversation's seq counter was seen in Redis: its sends can be pipelined. Until then (a new
     * conversation, or after Redis lost its data) a send may have to wait for a recovery and be issued again, so a
     * session's next send must wait for its answer.
     */
    boolean counterKnown(String conversationId);

    /** Marks the records of these keys confirmed (one write for the whole batch). */
    CompletableFuture<Void> markConfirmed(List<String> idempotencyKeys);

    /** The outcome of {@link #allocate}. */
    sealed interface Allocation {
    }

    /** A first send: its seq. */
    record Assigned(long seq) implements Allocation {
    }

    /** A resend: what the first send stored. */
    record Duplicate(IdempotencyRecord record) implements Allocation {
    }
}
