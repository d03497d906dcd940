package dev.realtime.chat.gateway.presence;

import dev.realtime.chat.gateway.system.DependencyUnavailableException;
import dev.realtime.chat.gateway.system.Futures;
import dev.realtime.chat.gateway.system.RedisGuard;
import dev.realtime.chat.model.topology.RedisKeys;
import dev.realtime.chat.model.wire.PresenceStatus;
import dev.realtime.chat.model.wire.PresenceView;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Presence from the Redis HASH {@code user:<id>:presence} (fields {@code status}, {@code lastSeen}, written by the
 * presence service). A user without one is offline, never seen. All users' reads go out together (pipelined).
 */
@Component
public class PresenceReader {

    private final ReactiveStringRedisTemplate redis;
    private final RedisGuard guard;
    private final RedisKeys keys;

    public PresenceReader(ReactiveStringRedisTemplate redis, RedisGuard guard, RedisKeys keys) {
        this.redis = redis;
        this.guard = guard;
        this.keys = keys;
    }

    public CompletableFuture<List<PresenceView>> presenceOf(Collection<String> userIds) {
        List<CompletableFuture<PresenceView>> reads = userIds.stream()
                .map(userId -> guard.mono(() -> redis.<String, String>opsForHash().entries(keys.presence(userId))
                                .collectMap(Map.Entry::getKey, Map.Entry::getValue))
                        .thenApply(hash -> toView(userId, hash)))
                .toList();
        return Futures.all(reads).exceptionally(error -> {
            throw new DependencyUnavailableException("redis", Futures.unwrap(error));
        });
    }

    static PresenceView toView(String userId, Map<String, String> hash) {
        if (hash == null || hash.isEmpty()) {
            return new PresenceView(userId, PresenceStatus.OFFLINE, null);
        }
        PresenceStatus status;
        try {
            status = hash.get("status") == null ? PresenceStatus.OFFLINE : PresenceStatus.fromWire(hash.get("status"));
        } catch (IllegalArgumentException e) {
            status = PresenceStatus.OFFLINE;
        }
        Instant lastSeen;
        try {
            lastSeen = hash.get("lastSeen") == null ? null : Instant.parse(hash.get("lastSeen"));
        } catch (DateTimeParseException e) {
            lastSeen = null;
        }
        return new PresenceView(userId, status, lastSeen);
    }
}
