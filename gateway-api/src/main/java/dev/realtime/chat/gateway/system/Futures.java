package dev.realtime.chat.gateway.system;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** Small helpers for CompletableFuture pipelines. */
public final class Futures {

    private Futures() {
    }

    /** The real failure behind CompletionException/ExecutionException wrappers. */
    public static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** All results in order, or the first failure. */
    public static <T> CompletableFuture<List<T>> all(List<? extends CompletionStage<T>> stages) {
        CompletableFuture<?>[] futures = stages.stream().map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(futures).thenApply(ignored -> {
            List<T> results = new ArrayList<>(futures.length);
            for (CompletableFuture<?> future : futures) {
                @SuppressWarnings("unchecked")
                T value = (T) future.join();
                results.add(value);
            }
            return results;
        });
    }

    /** The value, or {@code fallback} when the stage failed. */
    public static <T> CompletableFuture<T> orElse(CompletionStage<T> stage, T fallback) {
        return stage.toCompletableFuture().exceptionally(error -> fallback);
    }
}
