package dev.realtime.chat.gateway.system;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Every Redis read of the REST half goes through here: a short timeout and a circuit breaker, so that a slow or
 * dead Redis costs at most {@code chat.api.redis-timeout} per call and then nothing at all while the breaker is
 * open. Callers fall back to Cassandra (or answer 503) on any failure.
 */
@Component
public class RedisGuard {

    public static final String BREAKER_NAME = "gateway-redis";

    private static final Logger log = LoggerFactory.getLogger(RedisGuard.class);

    private final CircuitBreaker breaker;
    private final long timeoutMillis;

    public RedisGuard(ApiProperties properties, ObjectProvider<CircuitBreakerRegistry> registries) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(properties.redisBreakerWindow())
                .minimumNumberOfCalls(properties.redisBreakerMinimumCalls())
                .failureRateThreshold(50)
                .waitDurationInOpenState(properties.redisBreakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
        CircuitBreakerRegistry registry = registries.getIfAvailable(CircuitBreakerRegistry::ofDefaults);
        this.breaker = registry.circuitBreaker(BREAKER_NAME, config);
        breaker.getEventPublisher().onStateTransition(event -> log.warn("Redis circuit breaker {}: {}",
                BREAKER_NAME, event.getStateTransition()));
        this.timeoutMillis = properties.redisTimeout().toMillis();
    }

    /** Runs one Redis call (or a pipelined group of them) under the timeout and the breaker. */
    public <T> CompletableFuture<T> call(Supplier<? extends CompletionStage<T>> call) {
        if (!breaker.tryAcquirePermission()) {
            return CompletableFuture.failedFuture(CallNotPermittedException.createCallNotPermittedException(breaker));
        }
        long start = System.nanoTime();
        CompletableFuture<T> future;
        try {
            future = call.get().toCompletableFuture();
        } catch (RuntimeException e) {
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        future.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((value, error) -> {
            long elapsed = System.nanoTime() - start;
            if (error == null) {
                breaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                result.complete(value);
            } else {
                Throwable cause = Futures.unwrap(error);
                breaker.onError(elapsed, TimeUnit.NANOSECONDS, cause);
                result.completeExceptionally(cause);
            }
        });
        return result;
    }

    /** {@link #call} for a Reactor Mono (ReactiveStringRedisTemplate); an empty Mono completes with null. */
    public <T> CompletableFuture<T> mono(Supplier<Mono<T>> call) {
        return call(() -> call.get().toFuture());
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    CircuitBreaker breaker() {
        return breaker;
    }
}
