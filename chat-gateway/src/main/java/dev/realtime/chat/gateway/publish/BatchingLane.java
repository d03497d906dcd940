package dev.realtime.chat.gateway.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for one delivery shard: at most one batch in flight; whatever is offered while it is in flight
 * goes out as the next batch (up to {@code maxItems} / {@code maxBytes}), in the order it was offered. A lone
 * item waits for nobody; under load batches grow by themselves.
 *
 * <p>Order: items leave in offer order and a batch is published only after the previous one completed, so the
 * broker receives a shard's items in offer order whatever channel each publish uses.
 */
public final class BatchingLane<T> {

    /** Publishes one batch; the future completes when the broker confirmed it (or failed). */
    @FunctionalInterface
    public interface Sink<T> {
        CompletableFuture<?> publish(List<T> batch);
    }

    /** Told of each batch's outcome ({@code failure} null on success). */
    @FunctionalInterface
    public interface Completion<T> {
        void completed(List<T> batch, Throwable failure);
    }

    private static final Logger log = LoggerFactory.getLogger(BatchingLane.class);

    private final ArrayDeque<T> queue = new ArrayDeque<>();
    private final Executor executor;
    private final Sink<T> sink;
    private final Completion<T> completion;
    private final ToIntFunction<T> sizer;
    private final int maxItems;
    private final int maxBytes;
    private final int capacity;
    private boolean busy;
    private int inFlight;

    public BatchingLane(Executor executor, Sink<T> sink, Completion<T> completion, ToIntFunction<T> sizer,
            int maxItems, int maxBytes) {
        this(executor, sink, completion, sizer, maxItems, maxBytes, Integer.MAX_VALUE);
    }

    /** @param capacity items waiting (not yet in flight) beyond which {@link #offer} refuses */
    public BatchingLane(Executor executor, Sink<T> sink, Completion<T> completion, ToIntFunction<T> sizer,
            int maxItems, int maxBytes, int capacity) {
        this.executor = executor;
        this.sink = sink;
        this.completion = completion;
        this.sizer = sizer;
        this.maxItems = maxItems;
        this.maxBytes = maxBytes;
        this.capacity = capacity;
    }

    /**
     * Queues an item for the next batch.
     *
     * @return false (nothing queued) when {@code capacity} items are already waiting: the broker is not keeping up
     */
    public boolean offer(T item) {
        boolean start;
        synchronized (this) {
            if (queue.size() >= capacity) {
                return false;
            }
            queue.add(item);
            start = !busy;
            busy = true;
        }
        if (start) {
            executor.execute(this::publishNext);
        }
        return true;
    }

    /** Items waiting or in flight. */
    public synchronized int pending() {
        return queue.size() + inFlight;
    }

    private void publishNext() {
        List<T> batch = new ArrayList<>();
        synchronized (this) {
            int bytes = 0;
            while (!queue.isEmpty() && batch.size() < maxItems) {
                int size = sizer.applyAsInt(queue.peek());
                if (!batch.isEmpty() && bytes + size > maxBytes) {
                    break;
                }
                bytes += size;
                batch.add(queue.poll());
            }
            if (batch.isEmpty()) {
                busy = false;
                return;
            }
            inFlight = batch.size();
        }
        CompletableFuture<?> outcome;
        try {
            outcome = sink.publish(batch);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenCompleteAsync((ignored, failure) -> {
            try {
                completion.completed(batch, failure);
            } catch (RuntimeException e) {
                log.error("Batch completion failed", e);
            }
            synchronized (this) {
                inFlight = 0;
            }
            publishNext();
        }, executor);
    }
}
