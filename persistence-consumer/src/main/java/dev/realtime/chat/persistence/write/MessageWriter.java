package dev.realtime.chat.persistence.write;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.persistence.system.PersistMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes messages with the asynchronous driver, at most {@link AsyncLimiter#maxInFlight()} requests at a time over
 * all batches, and reports per message what failed. Never throws and never blocks the caller. Each input batch is
 * one call of the circuit breaker: a failure when a request carrying any of its messages found Cassandra
 * unreachable, a success otherwise (a rejection means Cassandra answers).
 */
public final class MessageWriter {

    private final CqlSession session;
    private final WritePlanner planner;
    private final AsyncLimiter limiter;
    private final CircuitBreaker breaker;
    private final PersistMetrics metrics;

    public MessageWriter(CqlSession session, WritePlanner planner, AsyncLimiter limiter, CircuitBreaker breaker,
            PersistMetrics metrics) {
        this.session = session;
        this.planner = planner;
        this.limiter = limiter;
        this.breaker = breaker;
        this.metrics = metrics;
    }

    public AsyncLimiter limiter() {
        return limiter;
    }

    /**
     * Writes the messages of several input batches as one write (their statements share requests) and answers one
     * outcome per batch, in order, each about that batch's messages only. Each batch is one call of the circuit
     * breaker, as if it had been written alone, so merging does not change what the breaker's window counts.
     */
    public CompletableFuture<List<WriteOutcome>> writeBatches(List<List<ChatMessage>> batches) {
        List<ChatMessage> messages;
        if (batches.size() == 1) {
            messages = batches.get(0);
        } else {
            messages = new ArrayList<>();
            batches.forEach(messages::addAll);
        }
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(Collections.nCopies(batches.size(), WriteOutcome.success()));
        }
        long start = System.nanoTime();
        List<WriteUnit> units;
        try {
            units = planner.plan(messages);
        } catch (RuntimeException e) {
            // e.g. a value the driver cannot bind: Cassandra never saw it; retried, then dead-lettered
            Map<ChatMessage, Throwable> all = new IdentityHashMap<>();
            messages.forEach(m -> all.put(m, e));
            WriteOutcome failed = WriteOutcome.of(all);
            return CompletableFuture.completedFuture(batches.stream().map(failed::only).toList());
        }
        metrics.issued(units.size());
        Map<ChatMessage, Throwable> failures = Collections.synchronizedMap(new IdentityHashMap<>());
        CompletableFuture<?>[] requests = new CompletableFuture<?>[units.size()];
        for (int i = 0; i < units.size(); i++) {
            WriteUnit unit = units.get(i);
            requests[i] = limiter.submit(() -> session.executeAsync(unit.statement()))
                    .handle((rows, error) -> {
                        if (error != null) {
                            for (ChatMessage message : unit.messages()) {
                                failures.putIfAbsent(message, FailureClassifier.unwrap(error));
                            }
                        }
                        return null;
                    });
        }
        return CompletableFuture.allOf(requests).handle((ignored, impossible) -> {
            WriteOutcome outcome = WriteOutcome.of(failures);
            long nanos = System.nanoTime() - start;
            List<WriteOutcome> outcomes = new ArrayList<>(batches.size());
            for (List<ChatMessage> batch : batches) {
                WriteOutcome own = batches.size() == 1 ? outcome : outcome.only(batch);
                record(batch, own, nanos);
                outcomes.add(own);
            }
            return outcomes;
        });
    }

    private void record(List<ChatMessage> messages, WriteOutcome outcome, long nanos) {
        if (messages.isEmpty()) {
            return;
        }
        if (outcome.anyUnavailable()) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, new CassandraUnavailableException(outcome));
        } else {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
        Instant now = Instant.now();
        int written = 0;
        for (ChatMessage message : messages) {
            if (outcome.failureOf(message) == null) {
                written++;
                metrics.lag(message.sentAt(), now);
            }
        }
        metrics.written(written);
    }

    /** Recorded by the breaker for a write that found Cassandra unreachable. */
    static final class CassandraUnavailableException extends RuntimeException {

        CassandraUnavailableException(WriteOutcome outcome) {
            super(outcome.failedCount() + " messages could not reach Cassandra", null, false, false);
        }
    }
}
