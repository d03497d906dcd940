package dev.realtime.chat.persistence.write;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Bounds the asynchronous requests in flight without blocking anyone: a task beyond the limit waits in a queue
 * and starts when an earlier one completes. Completions that happen synchronously are trampolined, so a long
 * queue of instantly failing requests (Cassandra unreachable) cannot overflow the stack.
 */
public final class AsyncLimiter {

    private static final ThreadLocal<ArrayDeque<Runnable>> TRAMPOLINE = new ThreadLocal<>();

    private final int maxInFlight;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int inFlight;

    public AsyncLimiter(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive");
        }
        this.maxInFlight = maxInFlight;
    }

    public <T> CompletableFuture<T> submit(Supplier<? extends CompletionStage<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable start = () -> start(task, result);
        boolean now;
        synchronized (this) {
            now = inFlight < maxInFlight;
            if (now) {
                inFlight++;
            } else {
                waiting.add(start);
            }
        }
        if (now) {
            run(start);
        }
        return result;
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    private <T> void start(Supplier<? extends CompletionStage<T>> task, CompletableFuture<T> result) {
        CompletionStage<T> stage;
        try {
            stage = task.get();
        } catch (RuntimeException | Error e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((value, error) -> {
            release();
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        });
    }

    private void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                inFlight--;
                return;
            }
        }
        run(next); // the permit passes to the next task
    }

    private static void run(Runnable task) {
        ArrayDeque<Runnable> pending = TRAMPOLINE.get();
        if (pending != null) {
            pending.add(task); // already draining on this thread: run it after the current task returns
            return;
        }
        pending = new ArrayDeque<>();
        TRAMPOLINE.set(pending);
        try {
            Runnable current = task;
            while (current != null) {
                current.run();
                current = pending.poll();
            }
        } finally {
            TRAMPOLINE.remove();
        }
    }
}
