package dev.realtime.chat.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class RedisGuardTests {

    private final RedisGuard guard = new RedisGuard(
            new ApiProperties(Duration.ofMillis(100), Duration.ofSeconds(1), 4, 4, Duration.ofSeconds(30), 1, 10),
            new StaticListableBeanFactory().getBeanProvider(
                    io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry.class));

    @Test
    void aCallThatNeverAnswersFailsWithATimeout() {
        long start = System.nanoTime();
        CompletableFuture<String> result = guard.call(CompletableFuture::new);

        assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void repeatedFailuresOpenTheBreakerAndLaterCallsAreNotEvenTried() {
        for (int i = 0; i < 4; i++) {
            guard.call(() -> CompletableFuture.failedFuture(new IllegalStateException("down"))).exceptionally(e -> null)
                    .join();
        }
        AtomicInteger attempts = new AtomicInteger();

        CompletableFuture<String> result = guard.call(() -> {
            attempts.incrementAndGet();
            return CompletableFuture.completedFuture("ok");
        });

        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(attempts).hasValue(0);
        assertThatThrownBy(result::join).hasCauseInstanceOf(CallNotPermittedException.class);
    }

    @Test
    void successfulCallsPassTheirValueAndKeepTheBreakerClosed() {
        for (int i = 0; i < 10; i++) {
            assertThat(guard.call(() -> CompletableFuture.completedFuture("v")).join()).isEqualTo("v");
        }
        assertThat(guard.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aSupplierThatThrowsCountsAsAFailure() {
        CompletableFuture<String> result = guard.call(() -> {
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(result::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(guard.breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }
}
