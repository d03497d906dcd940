package dev.realtime.chat.gateway.conversation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Conversations and membership.
 *
 * @param membersCacheTtl         how long this process trusts a member set it read (other gateways' changes
 *                                become visible after at most this long)
 * @param membersCacheMaxSize     conversations whose member set this process keeps
 * @param membersRedisTtl         expiry of the Redis member set {@code conv:<id>:members} (a cache of Cassandra)
 * @param membersCassandraTimeout longest wait for Cassandra on a membership miss
 * @param maxGroupSize            most members a group may have
 * @param maxNameLength           longest group name
 */
@Validated
@ConfigurationProperties("chat.conversation")
public record ConversationProperties(
        @DefaultValue("2s") @NotNull Duration membersCacheTtl,
        @DefaultValue("100000") @Min(1) long membersCacheMaxSize,
        @DefaultValue("1h") @NotNull Duration membersRedisTtl,
        @DefaultValue("2s") @NotNull Duration membersCassandraTimeout,
        @DefaultValue("500") @Min(2) @Max(10000) int maxGroupSize,
        @DefaultValue("100") @Min(1) int maxNameLength) {
}
