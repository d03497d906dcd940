package dev.realtime.chat.gateway.system;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the REST half talks to its stores.
 *
 * @param redisTimeout        longest wait for one Redis command before falling back (Cassandra) or failing
 * @param cassandraTimeout    longest wait for one Cassandra statement
 * @param redisBreakerWindow  calls in the Redis circuit breaker's sliding window
 * @param redisBreakerMinimumCalls calls before the breaker may open
 * @param redisBreakerOpenFor how long the breaker stays open (Redis skipped) before probing again
 * @param cpuThreads          threads for CPU-heavy work off the I/O threads (BCrypt)
 * @param cpuQueue            queued CPU jobs beyond which requests get 503
 */
@Validated
@ConfigurationProperties("chat.api")
public record ApiProperties(
        @DefaultValue("500ms") @NotNull Duration redisTimeout,
        @DefaultValue("3s") @NotNull Duration cassandraTimeout,
        @DefaultValue("20") @Min(1) int redisBreakerWindow,
        @DefaultValue("10") @Min(1) int redisBreakerMinimumCalls,
        @DefaultValue("5s") @NotNull Duration redisBreakerOpenFor,
        @DefaultValue("2") @Min(1) int cpuThreads,
        @DefaultValue("1000") @Min(1) int cpuQueue) {
}
