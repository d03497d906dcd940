package dev.realtime.chat.presence.updates;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs asynchronous tasks one after the other per key (a user), in submission order, with up to {@code lanes}
 * keys progressing in parallel. A task starts once the previous task of its lane has completed, whether it
 * succeeded or not; nothing blocks a thread while waiting.
 */
public final class SerialLanes {

    private final CompletableFuture<?>[] tails;
    private final Executor executor;

    public SerialLanes(int lanes, Executor executor) {
        this.tails = new CompletableFuture<?>[lanes];
        for (int i = 0; i < lanes; i++) {
            tails[i] = CompletableFuture.completedFuture(null);
        }
        this.executor = executor;
    }

    public <T> CompletableFuture<T> submit(String key, Supplier<CompletableFuture<T>> task) {
        int lane = Math.floorMod(key.hashCode(), tails.length);
        synchronized (tails) {
            CompletableFuture<T> result = tails[lane].handle((ignored, error) -> null)
                    .thenComposeAsync(ignored -> task.get(), executor);
            tails[lane] = result;
            return result;
        }
    }
}
