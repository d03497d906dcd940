package dev.realtime.chat.persistence.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncLimiterTests {

    @Test
    void startsAtMostTheLimitAndTheRestAsSlotsFree() {
        AsyncLimiter limiter = new AsyncLimiter(2);
        List<CompletableFuture<Integer>> started = new ArrayList<>();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            results.add(limiter.submit(() -> {
                CompletableFuture<Integer> request = new CompletableFuture<>();
                started.add(request);
                return request;
            }));
        }
        assertThat(started).hasSize(2);
        assertThat(limiter.inFlight()).isEqualTo(2);
        assertThat(limiter.waiting()).isEqualTo(3);

        started.get(0).complete(0);

        assertThat(started).hasSize(3);
        assertThat(results.get(0)).isCompletedWithValue(0);
        started.get(1).completeExceptionally(new IllegalStateException("boom"));
        started.get(2).complete(2);
        started.get(3).complete(3);
        started.get(4).complete(4);

        assertThat(results.get(1)).isCompletedExceptionally();
        assertThat(results.get(4)).isCompletedWithValue(4);
        assertThat(limiter.inFlight()).isZero();
        assertThat(limiter.waiting()).isZero();
    }

    @Test
    void survivesAHugeQueueOfRequestsThatFailInstantly() {
        AsyncLimiter limiter = new AsyncLimiter(1);
        CompletableFuture<Void> gate = new CompletableFuture<>();
        limiter.submit(() -> gate);
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<Void>> results = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            results.add(limiter.submit(() -> CompletableFuture.<Void>failedFuture(new IllegalStateException("no node")))
                    .whenComplete((v, e) -> failed.incrementAndGet()));
        }

        gate.complete(null); // releases the queue: 20,000 synchronous completions on this thread

        assertThat(failed).hasValue(20_000);
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void aTaskThatThrowsFailsItsResultAndFreesItsSlot() {
        AsyncLimiter limiter = new AsyncLimiter(1);
        CompletableFuture<Object> result = limiter.submit(() -> {
            throw new IllegalArgumentException("cannot bind");
        });
        assertThat(result).isCompletedExceptionally();
        assertThat(limiter.inFlight()).isZero();
    }
}
