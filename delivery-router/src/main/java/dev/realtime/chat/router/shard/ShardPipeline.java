package dev.realtime.chat.router.shard;

import dev.realtime.chat.router.batch.BatchDecoder;
import dev.realtime.chat.router.batch.DecodedBatch;
import dev.realtime.chat.router.batch.PoisonBatchException;
import dev.realtime.chat.router.forward.GatewayPublisher;
import dev.realtime.chat.router.routing.BatchRouter;
import dev.realtime.chat.router.routing.DeliveryPlanner;
import dev.realtime.chat.router.routing.Forward;
import dev.realtime.chat.router.routing.ForwardMerger;
import dev.realtime.chat.router.routing.RoutedBatch;
import dev.realtime.chat.router.system.RouterMetrics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered pipeline of one delivery shard. Everything runs on the shard's own thread (an actor): batches are
 * decoded and their Redis pipelines started as they arrive, so the lookups of several batches overlap, but they
 * are forwarded strictly in arrival order.
 *
 * <p>Forwarding is a group commit: whatever batches are routed while the previous group's confirms are awaited
 * are published next, together, on one channel (so in order), and acked once all their publishes are
 * confirmed. The group's forwards are merged first ({@link ForwardMerger}): one AMQP message per gateway per group
 * instead of one per gateway per input batch. A group that fails (nack, closed channel, confirm timeout) is
 * published again after a backoff, and nothing behind it moves meanwhile: order survives retries. A batch whose consumer channel closed is not
 * forwarded at all: the broker redelivers it.
 */
public final class ShardPipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShardPipeline.class);
    /** Bounds of one merged gateway delivery (a gateway handles one AMQP message as one unit of work). */
    static final int MAX_FORWARD_ITEMS = 1_000;
    static final int MAX_FORWARD_CHARS = 256 * 1024;

    private final int shard;
    private final BatchDecoder decoder;
    private final BatchRouter router;
    private final GatewayPublisher publisher;
    private final ScheduledExecutorService executor;
    private final RouterMetrics metrics;
    private final int maxGroupBatches;
    private final Duration confirmTimeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    // Owned by the shard thread.
    private final ArrayDeque<Entry> pending = new ArrayDeque<>();
    private List<Entry> inFlight;
    private volatile boolean closed;

    public ShardPipeline(int shard, BatchDecoder decoder, BatchRouter router, GatewayPublisher publisher,
            ScheduledExecutorService executor, RouterMetrics metrics, int maxGroupBatches, Duration confirmTimeout,
            Duration initialBackoff, Duration maxBackoff) {
        this.shard = shard;
        this.decoder = decoder;
        this.router = router;
        this.publisher = publisher;
        this.executor = executor;
        this.metrics = metrics;
        this.maxGroupBatches = maxGroupBatches;
        this.confirmTimeout = confirmTimeout;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    public int shard() {
        return shard;
    }

    /** Called by the consumer in delivery order; returns at once. */
    public void submit(byte[] body, String type, Acknowledgement ack) {
        long arrivedNanos = System.nanoTime();
        try {
            executor.execute(() -> arrive(body, type, ack, arrivedNanos));
        } catch (RejectedExecutionException e) {
            // shutting down: the batch stays unacked and is redelivered
            log.debug("shard {} is closed, leaving a batch to redelivery", shard);
        }
    }

    private void arrive(byte[] body, String type, Acknowledgement ack, long arrivedNanos) {
        if (closed) {
            return;
        }
        DecodedBatch batch;
        try {
            batch = decoder.decode(body, type);
        } catch (PoisonBatchException e) {
            log.warn("Dead-lettering a poison batch from delivery shard {}: {} (type {}, {} bytes)", shard,
                    e.reason(), type, body == null ? 0 : body.length);
            metrics.poison(e.reason());
            ack.reject();
            return;
        }
        metrics.invalid(batch.invalidEntries());
        Entry entry = new Entry(batch, ack, arrivedNanos, router.route(batch, executor));
        pending.add(entry);
        entry.routed.whenComplete((routed, error) -> runOnShard(this::drain));
    }

    private void drain() {
        if (inFlight != null || closed) {
            return;
        }
        List<Entry> group = new ArrayList<>();
        while (group.size() < maxGroupBatches) {
            Entry head = pending.peek();
            if (head == null || !head.routed.isDone()) {
                break;
            }
            group.add(pending.poll());
        }
        if (group.isEmpty()) {
            return;
        }
        inFlight = group;
        send(group, 0);
    }

    private void send(List<Entry> group, int attempt) {
        List<Forward> forwards = new ArrayList<>();
        for (Entry entry : group) {
            if (entry.ack.isValid()) {
                forwards.addAll(entry.routed().forwards());
            }
        }
        List<Forward> merged = ForwardMerger.merge(forwards, MAX_FORWARD_ITEMS, MAX_FORWARD_CHARS);
        CompletableFuture<Void> confirmed;
        try {
            confirmed = publisher.publish(merged);
            metrics.published(merged.size());
        } catch (RuntimeException e) {
            confirmed = CompletableFuture.failedFuture(e);
        }
        confirmed.orTimeout(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((done, error) -> runOnShard(() -> confirmed(group, attempt, error)));
    }

    private void confirmed(List<Entry> group, int attempt, Throwable error) {
        if (closed) {
            return;
        }
        if (error == null) {
            for (Entry entry : group) {
                entry.settle();
            }
            inFlight = null;
            drain();
            return;
        }
        metrics.retry();
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            publisher.abandonChannel();
        }
        long delay = backoffMillis(attempt);
        if (attempt == 0) {
            log.warn("Forwarding {} batches of delivery shard {} failed ({}); retrying in {} ms, in order",
                    group.size(), shard, cause.toString(), delay);
        } else {
            log.debug("Forwarding retry {} of delivery shard {} failed ({}); next in {} ms", attempt, shard,
                    cause.toString(), delay);
        }
        try {
            executor.schedule(() -> retry(group, attempt + 1), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("shard {} closed during a retry; the broker redelivers the group", shard);
        }
    }

    private void retry(List<Entry> group, int attempt) {
        if (closed) {
            return;
        }
        if (group.stream().noneMatch(entry -> entry.ack.isValid())) {
            // the consumer channel closed: the broker has requeued the whole group
            log.info("Delivery shard {} lost its consumer channel; {} batches will be redelivered", shard,
                    group.size());
            inFlight = null;
            drain();
            return;
        }
        if (attempt > 1) {
            log.debug("Forwarding retry {} of delivery shard {}", attempt, shard);
        }
        send(group, attempt);
    }

    private long backoffMillis(int attempt) {
        long initial = Math.max(1, initialBackoff.toMillis());
        long delay = initial << Math.min(attempt, 20);
        return Math.min(delay, Math.max(initial, maxBackoff.toMillis()));
    }

    private void runOnShard(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("shard {} is closed", shard);
        }
    }

    /** Batches received but not yet forwarded (for tests and the health of the shard). */
    public CompletableFuture<Integer> backlog() {
        CompletableFuture<Integer> size = new CompletableFuture<>();
        runOnShard(() -> size.complete(pending.size() + (inFlight == null ? 0 : inFlight.size())));
        return size;
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        publisher.close();
    }

    private final class Entry {

        final DecodedBatch batch;
        final Acknowledgement ack;
        final long arrivedNanos;
        final CompletableFuture<RoutedBatch> routed;

        Entry(DecodedBatch batch, Acknowledgement ack, long arrivedNanos, CompletableFuture<RoutedBatch> routed) {
            this.batch = batch;
            this.ack = ack;
            this.arrivedNanos = arrivedNanos;
            this.routed = routed;
        }

        RoutedBatch routed() {
            try {
                return routed.join();
            } catch (RuntimeException e) {
                // BatchRouter never fails; if it ever did, broadcasting still delivers the batch
                log.error("Routing a batch of delivery shard {} failed unexpectedly; broadcasting it", shard, e);
                return new RoutedBatch(RoutedBatch.Mode.BROADCAST, DeliveryPlanner.broadcast(batch.items()));
            }
        }

        void settle() {
            if (!ack.isValid()) {
                return;
            }
            ack.ack();
            RoutedBatch done = routed();
            metrics.settled(done.mode() == RoutedBatch.Mode.BROADCAST, done.forwards().isEmpty(),
                    batch.kind() == DecodedBatch.Kind.MESSAGES, batch.items().size(), done.forwards().size(),
                    arrivedNanos);
        }
    }
}
