package dev.realtime.chat.presence.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.presence.*}.
 *
 * @param lanes updates of one user are applied one after the other in one of this many lanes; lanes run in
 *        parallel
 * @param sweepInterval how often gateways whose alive key expired are swept
 * @param staleSweepEvery every this many sweeps, live gateways' users are checked for expired session entries
 * @param contactsTtl how long a user's contacts are cached before being read again from Cassandra (a stale
 *        value is served while the refresh runs, and kept if Cassandra cannot answer)
 * @param contactsMaxUsers users whose contacts are cached
 * @param redisTimeout timeout of one Redis command
 * @param publishTimeout how long the broker may take to confirm an event
 * @param retryInitialBackoff first delay before a failed step (Redis, broker) is tried again
 * @param retryMaxBackoff cap of the exponential retry delay
 */
@Validated
@ConfigurationProperties("chat.presence")
public record PresenceProperties(
        @DefaultValue("8") @Min(1) @Max(256) int lanes,
        @DefaultValue("5s") @NotNull Duration sweepInterval,
        @DefaultValue("6") @Min(1) int staleSweepEvery,
        @DefaultValue("30s") @NotNull Duration contactsTtl,
        @DefaultValue("100000") @Min(1) long contactsMaxUsers,
        @DefaultValue("2s") @NotNull Duration redisTimeout,
        @DefaultValue("5s") @NotNull Duration publishTimeout,
        @DefaultValue("200ms") @NotNull Duration retryInitialBackoff,
        @DefaultValue("5s") @NotNull Duration retryMaxBackoff) {
}
