package dev.realtime.chat.persistence.write;

import dev.realtime.chat.model.wire.ChatMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit in front of the {@link MessageWriter}: at most {@code maxConcurrentWrites} writes in flight; input
 * batches that arrive while they are all busy wait, and the next free slot writes everything that waited (up to
 * {@code maxMessagesPerWrite} messages) as <em>one</em> write. Gateways publish batches of a few messages each;
 * written one by one they made one small Cassandra request each (9 messages per request at 2,000 msg/s). A lone
 * batch at low load waits for nobody.
 *
 * <p>Outcomes: each caller gets the outcome of its own messages, and each batch is its own circuit-breaker call
 * ({@link MessageWriter#writeBatches}). The batches of one write share Cassandra requests, though, so a message
 * Cassandra rejects fails the messages that shared its request too, whichever batch they came from (as it already
 * did within one batch): they go to their retry queue, where they are written alone ({@code mergeable == false}:
 * retries bypass the slots and are never merged), so a poison message shares a request with other batches at most
 * once. Batches still waiting when the breaker opens are not written: they fail with
 * {@link WriteNotAttemptedException}, i.e. as "unreachable", and go back to the queue.
 *
 * <p>Pacing ({@code minWriteInterval}, 0 = off): a merged write starts at most once per interval. Batches that
 * arrive sooner wait (a timer starts them), so at low and moderate load Cassandra gets a few bigger requests a
 * second instead of one per input batch. On this kind of VM each request wakes Cassandra's pools and their
 * wake-ups are what it costs (docs/benchmarks.md); persistence is off the delivery path, so only the persistence
 * lag grows, by at most the interval.
 *
 * <p>Never throws; every returned future completes, whatever the writer does.
 */
public final class CoalescingWriter {

    private static final Logger log = LoggerFactory.getLogger(CoalescingWriter.class);

    private final Function<List<List<ChatMessage>>, CompletableFuture<List<WriteOutcome>>> writer;
    private final BooleanSupplier acceptsWrites;
    private final Executor executor;
    private final int maxConcurrentWrites;
    private final int maxMessagesPerWrite;
    private final long minIntervalNanos;
    private final Scheduler scheduler;
    private final LongSupplier clock;

    // guarded by this
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private int inFlight;
    private long lastStartNanos;
    private boolean started;
    private boolean timerPending;

    /** Runs a task after a delay (the pacing timer). */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayNanos);
    }

    /**
     * @param acceptsWrites whether the breaker lets writes through now (checked before each write)
     * @param executor where the next write starts after one completed (not the driver's I/O thread)
     * @param minWriteIntervalNanos least time between the starts of two merged writes (0: no pacing)
     * @param scheduler starts waiting batches once the interval has passed (unused without pacing)
     */
    public CoalescingWriter(MessageWriter writer, BooleanSupplier acceptsWrites, Executor executor,
            int maxConcurrentWrites, int maxMessagesPerWrite, long minWriteIntervalNanos, Scheduler scheduler) {
        this(writer::writeBatches, acceptsWrites, executor, maxConcurrentWrites, maxMessagesPerWrite,
                minWriteIntervalNanos, scheduler, System::nanoTime);
    }

    CoalescingWriter(Function<List<List<ChatMessage>>, CompletableFuture<List<WriteOutcome>>> writer,
            BooleanSupplier acceptsWrites, Executor executor, int maxConcurrentWrites, int maxMessagesPerWrite) {
        this(writer, acceptsWrites, executor, maxConcurrentWrites, maxMessagesPerWrite, 0, null, System::nanoTime);
    }

    CoalescingWriter(Function<List<List<ChatMessage>>, CompletableFuture<List<WriteOutcome>>> writer,
            BooleanSupplier acceptsWrites, Executor executor, int maxConcurrentWrites, int maxMessagesPerWrite,
            long minWriteIntervalNanos, Scheduler scheduler, LongSupplier clock) {
        if (minWriteIntervalNanos > 0 && scheduler == null) {
            throw new IllegalArgumentException("pacing needs a scheduler");
        }
        this.writer = writer;
        this.acceptsWrites = acceptsWrites;
        this.executor = executor;
        this.maxConcurrentWrites = Math.max(1, maxConcurrentWrites);
        this.maxMessagesPerWrite = Math.max(1, maxMessagesPerWrite);
        this.minIntervalNanos = Math.max(0, minWriteIntervalNanos);
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** Never throws, never blocks; the future never fails (failures are in the outcome). */
    public CompletableFuture<WriteOutcome> write(List<ChatMessage> messages, boolean mergeable) {
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(WriteOutcome.success());
        }
        Request request = new Request(messages);
        if (!mergeable) {
            List<Request> alone = List.of(request);
            CompletableFuture<List<WriteOutcome>> written = apply(alone);
            written.whenComplete((outcomes, error) -> complete(alone, outcomes, error));
            return request.result;
        }
        List<Request> group;
        synchronized (this) {
            waiting.add(request);
            if (inFlight >= maxConcurrentWrites || mustWait()) {
                return request.result;
            }
            inFlight++;
            group = takeGroup();
        }
        start(group);
        return request.result;
    }

    /**
     * Pacing: true (and the timer armed) when the last merged write started less than the interval ago; otherwise
     * records now as the start of the next write. Holds the lock.
     */
    private boolean mustWait() {
        if (minIntervalNanos == 0) {
            return false;
        }
        long now = clock.getAsLong();
        long wait = started ? lastStartNanos + minIntervalNanos - now : 0;
        if (wait > 0) {
            if (!timerPending) {
                timerPending = true;
                try {
                    scheduler.schedule(this::timerFired, wait);
                } catch (RejectedExecutionException e) {
                    timerPending = false; // shutting down: write now rather than leave batches waiting
                    return false;
                }
            }
            return true;
        }
        started = true;
        lastStartNanos = now;
        return false;
    }

    private void timerFired() {
        List<Request> group;
        synchronized (this) {
            timerPending = false;
            // with every slot busy, the next completing slot takes what waits (next())
            if (waiting.isEmpty() || inFlight >= maxConcurrentWrites || mustWait()) {
                return;
            }
            inFlight++;
            group = takeGroup();
        }
        start(group);
    }

    /** Batches waiting for a free write slot. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** Merged writes in flight. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** Whole batches in arrival order, at least one, up to the message limit. Holds the lock. */
    private List<Request> takeGroup() {
        List<Request> group = new ArrayList<>();
        int messages = 0;
        Request next;
        while ((next = waiting.peek()) != null
                && (group.isEmpty() || messages + next.messages.size() <= maxMessagesPerWrite)) {
            group.add(waiting.poll());
            messages += next.messages.size();
        }
        return group;
    }

    /** Writes group after group while this slot has work; returns once a write is pending or nothing waits. */
    private void start(List<Request> group) {
        while (group != null) {
            List<Request> current = group;
            CompletableFuture<List<WriteOutcome>> written = acceptsWrites.getAsBoolean()
                    ? apply(current)
                    : CompletableFuture.completedFuture(notAttempted(current));
            if (!written.isDone()) {
                written.whenComplete((outcomes, error) -> {
                    complete(current, outcomes, error);
                    continueLater();
                });
                return;
            }
            // completed at once (nothing reached Cassandra): go on here rather than recursing
            List<WriteOutcome> outcomes = null;
            Throwable error = null;
            try {
                outcomes = written.join();
            } catch (RuntimeException e) {
                error = e;
            }
            complete(current, outcomes, error);
            group = next();
        }
    }

    private CompletableFuture<List<WriteOutcome>> apply(List<Request> group) {
        List<List<ChatMessage>> batches = new ArrayList<>(group.size());
        group.forEach(request -> batches.add(request.messages));
        try {
            return writer.apply(batches);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void continueLater() {
        try {
            executor.execute(() -> start(next()));
        } catch (RejectedExecutionException e) {
            start(next()); // shutting down: still settle what waits
        }
    }

    /** The slot's next group, or null (and the slot freed) when nothing waits. */
    private List<Request> next() {
        synchronized (this) {
            if (waiting.isEmpty() || mustWait()) {
                inFlight--;
                return null;
            }
            return takeGroup();
        }
    }

    private static List<WriteOutcome> notAttempted(List<Request> group) {
        WriteNotAttemptedException reason = new WriteNotAttemptedException("circuit breaker open: not written");
        List<WriteOutcome> outcomes = new ArrayList<>(group.size());
        for (Request request : group) {
            outcomes.add(allFailed(request.messages, reason));
        }
        return outcomes;
    }

    private static WriteOutcome allFailed(List<ChatMessage> messages, Throwable error) {
        Map<ChatMessage, Throwable> all = new IdentityHashMap<>();
        messages.forEach(message -> all.put(message, error));
        return WriteOutcome.of(all);
    }

    private static void complete(List<Request> group, List<WriteOutcome> outcomes, Throwable error) {
        boolean usable = error == null && outcomes != null && outcomes.size() == group.size();
        if (!usable) {
            // MessageWriter never fails its future; if a writer ever did, every message failed with it
            Throwable cause = error != null ? FailureClassifier.unwrap(error)
                    : new IllegalStateException("the writer answered no outcome per batch");
            log.warn("A write failed unexpectedly: {}", cause.toString());
            for (Request request : group) {
                request.result.complete(allFailed(request.messages, cause));
            }
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            group.get(i).result.complete(outcomes.get(i));
        }
    }

    private static final class Request {

        final List<ChatMessage> messages;
        final CompletableFuture<WriteOutcome> result = new CompletableFuture<>();

        Request(List<ChatMessage> messages) {
            this.messages = messages;
        }
    }
}
