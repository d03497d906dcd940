package dev.realtime.chat.router.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.router.*}.
 *
 * @param recentHistorySize messages kept per conversation in the Redis recent-history ZSET
 * @param prefetch unacknowledged batches per delivery shard (the pipeline depth)
 * @param maxGroupBatches input batches forwarded together and confirmed together (group commit)
 * @param redisTimeout how long one batch's Redis pipeline may take before the batch is broadcast instead
 * @param confirmTimeout how long the broker may take to confirm a group's gateway publishes before a retry
 * @param retryInitialBackoff first delay before a failed group is published again
 * @param retryMaxBackoff cap of the exponential retry delay
 * @param redisReconnectInterval pause between two attempts to open a Redis connection that could not be opened
 * @param historyBacklog per shard, history appends kept while Redis cannot take them, written once it can
 */
@Validated
@ConfigurationProperties("chat.router")
public record RouterProperties(
        @DefaultValue("200") @Min(1) int recentHistorySize,
        @DefaultValue("400") @Min(1) @Max(2000) int prefetch,
        @DefaultValue("200") @Min(1) @Max(2000) int maxGroupBatches,
        @DefaultValue("2s") @NotNull Duration redisTimeout,
        @DefaultValue("5s") @NotNull Duration confirmTimeout,
        @DefaultValue("100ms") @NotNull Duration retryInitialBackoff,
        @DefaultValue("5s") @NotNull Duration retryMaxBackoff,
        @DefaultValue("2s") @NotNull Duration redisReconnectInterval,
        @DefaultValue("20000") @Min(0) int historyBacklog) {
}
