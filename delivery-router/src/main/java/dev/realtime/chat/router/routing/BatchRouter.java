package dev.realtime.chat.router.routing;

import dev.realtime.chat.router.batch.DecodedBatch;
import dev.realtime.chat.router.batch.HistoryEntry;
import dev.realtime.chat.router.system.RouterMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the batches of one shard: one Redis pipeline per batch (history append + session lookup) guarded by a
 * timeout and a circuit breaker, then the per-gateway plan. When Redis cannot answer the batch is broadcast
 * instead: never dropped, never waiting longer than the timeout. The returned future never fails.
 *
 * <p>History appends that Redis could not take are kept (up to {@code backlogLimit} messages, oldest dropped
 * first) and added to the next pipelines once Redis answers again, so that an outage leaves no hole in recent
 * history. That is safe in any order: ZADD of the same member and score is idempotent, and trimming by rank keeps
 * the newest seqs whatever arrives late. Used from the shard's thread only.
 */
public final class BatchRouter {

    private static final Logger log = LoggerFactory.getLogger(BatchRouter.class);
    /** Backlog entries added to one pipeline at most, so that catching up never makes one pipeline huge. */
    static final int BACKFILL_PER_BATCH = 500;

    private final SessionStore store;
    private final CircuitBreaker breaker;
    private final Duration timeout;
    private final Clock clock;
    private final RouterMetrics metrics;
    private final int backlogLimit;
    private final ArrayDeque<HistoryEntry> backlog = new ArrayDeque<>();

    public BatchRouter(SessionStore store, CircuitBreaker breaker, Duration timeout, Clock clock,
            RouterMetrics metrics, int backlogLimit) {
        this.store = store;
        this.breaker = breaker;
        this.timeout = timeout;
        this.clock = clock;
        this.metrics = metrics;
        this.backlogLimit = backlogLimit;
    }

    /**
     * @param executor the shard's thread: where the plan is computed (not Lettuce's event loop)
     */
    public CompletableFuture<RoutedBatch> route(DecodedBatch batch, Executor executor) {
        if (!batch.hasRecipients() && batch.history().isEmpty() && backlog.isEmpty()) {
            return CompletableFuture.completedFuture(new RoutedBatch(RoutedBatch.Mode.DIRECT, List.of()));
        }
        if (!breaker.tryAcquirePermission()) {
            return CompletableFuture.completedFuture(broadcast(batch, batch.history(), "circuit-open"));
        }
        List<HistoryEntry> backfill = takeBacklog();
        List<HistoryEntry> history = backfill.isEmpty() ? batch.history() : concat(backfill, batch.history());
        long start = System.nanoTime();
        CompletableFuture<Map<String, List<String>>> lookup;
        try {
            lookup = store.appendAndLookup(history, batch.recipients(), clock.millis());
        } catch (RuntimeException e) {
            lookup = CompletableFuture.failedFuture(e);
        }
        return lookup.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handleAsync((gatewaysByUser, error) -> {
            long elapsed = System.nanoTime() - start;
            if (error != null) {
                breaker.onError(elapsed, TimeUnit.NANOSECONDS, error);
                log.debug("Redis failed for a batch, broadcasting it", error);
                return broadcast(batch, history,
                        error instanceof RedisUnavailableException ? "redis-unavailable" : "redis-error");
            }
            breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
            if (!backfill.isEmpty()) {
                metrics.historyBackfilled(backfill.size());
            }
            return new RoutedBatch(RoutedBatch.Mode.DIRECT, DeliveryPlanner.perGateway(batch.items(), gatewaysByUser));
        }, executor);
    }

    /** Messages whose history append waits for Redis (for tests and diagnostics). */
    public int historyBacklog() {
        return backlog.size();
    }

    private RoutedBatch broadcast(DecodedBatch batch, List<HistoryEntry> unwritten, String reason) {
        metrics.broadcast(reason, batch.history().size());
        keep(unwritten);
        return new RoutedBatch(RoutedBatch.Mode.BROADCAST, DeliveryPlanner.broadcast(batch.items()));
    }

    private void keep(List<HistoryEntry> unwritten) {
        for (HistoryEntry entry : unwritten) {
            if (backlog.size() >= backlogLimit) {
                backlog.pollFirst();
                metrics.historyDropped(1);
            }
            backlog.addLast(entry);
        }
    }

    private List<HistoryEntry> takeBacklog() {
        if (backlog.isEmpty()) {
            return List.of();
        }
        List<HistoryEntry> taken = new ArrayList<>(Math.min(backlog.size(), BACKFILL_PER_BATCH));
        while (!backlog.isEmpty() && taken.size() < BACKFILL_PER_BATCH) {
            taken.add(backlog.pollFirst());
        }
        return taken;
    }

    private static List<HistoryEntry> concat(List<HistoryEntry> first, List<HistoryEntry> second) {
        List<HistoryEntry> all = new ArrayList<>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return all;
    }
}
