package dev.realtime.chat.presence.updates;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries an asynchronous step with exponential backoff, without holding a thread between attempts. A step whose
 * dependency is down (Redis, the broker) waits for it: the update it belongs to stays unacknowledged meanwhile.
 */
public final class Retrier {

    private static final Logger log = LoggerFactory.getLogger(Retrier.class);

    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Runnable onRetry;
    private volatile boolean closed;

    public Retrier(Duration initialBackoff, Duration maxBackoff, Runnable onRetry) {
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.onRetry = onRetry;
    }

    /** Tries until the step succeeds, or {@code maxAttempts} attempts (0 for no limit) have failed. */
    public <T> CompletableFuture<T> retry(String what, int maxAttempts, Supplier<CompletableFuture<T>> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(what, maxAttempts, step, 1, result);
        return result;
    }

    private <T> void attempt(String what, int maxAttempts, Supplier<CompletableFuture<T>> step, int attempt,
            CompletableFuture<T> result) {
        CompletableFuture<T> run;
        try {
            run = step.get();
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        run.whenComplete((value, error) -> {
            if (error == null) {
                if (attempt > 1) {
                    log.info("{} succeeded after {} attempts", what, attempt);
                }
                result.complete(value);
                return;
            }
            if (closed || (maxAttempts > 0 && attempt >= maxAttempts)) {
                result.completeExceptionally(error);
                return;
            }
            long delay = backoffMillis(attempt);
            if (attempt == 1) {
                log.warn("{} failed ({}); retrying with backoff", what, rootCause(error));
            } else {
                log.debug("{} failed again (attempt {}): {}", what, attempt, rootCause(error));
            }
            onRetry.run();
            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
                    .execute(() -> attempt(what, maxAttempts, step, attempt + 1, result));
        });
    }

    private long backoffMillis(int attempt) {
        long initial = Math.max(1, initialBackoff.toMillis());
        long delay = initial << Math.min(attempt - 1, 20);
        return Math.min(delay, Math.max(initial, maxBackoff.toMillis()));
    }

    private static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.toString();
    }

    /** Pending retries give up at their next attempt. */
    public void close() {
        closed = true;
    }
}
