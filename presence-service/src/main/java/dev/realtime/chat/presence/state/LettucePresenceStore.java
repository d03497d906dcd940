package dev.realtime.chat.presence.state;

import dev.realtime.chat.model.topology.RedisKeys;
import dev.realtime.chat.model.wire.PresenceStatus;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PresenceStore} on one Lettuce connection (auto-flush: calls come from many threads), opened in the
 * background and reopened every {@code reconnectInterval} until it opens; Lettuce reconnects by itself after that.
 */
public final class LettucePresenceStore implements PresenceStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LettucePresenceStore.class);
    static final String STATUS = "status";
    static final String LAST_SEEN = "lastSeen";

    private final RedisClient client;
    private final RedisURI uri;
    private final RedisKeys keys;
    private final Duration reconnectInterval;
    private volatile CompletableFuture<StatefulRedisConnection<String, String>> connection;
    private volatile boolean closed;
    private volatile boolean failureLogged;

    public LettucePresenceStore(RedisClient client, RedisURI uri, RedisKeys keys, Duration reconnectInterval) {
        this.client = client;
        this.uri = uri;
        this.keys = keys;
        this.reconnectInterval = reconnectInterval;
        connect();
    }

    @Override
    public CompletableFuture<Snapshot> load(String userId, long nowMillis) {
        return withRedis(redis -> {
            CompletableFuture<List<KeyValue<String, String>>> fields = redis
                    .hmget(keys.presence(userId), STATUS, LAST_SEEN).toCompletableFuture();
            CompletableFuture<List<String>> live = redis.zrangebyscore(keys.userGateways(userId),
                    Range.from(Range.Boundary.excluding(nowMillis), Range.Boundary.unbounded())).toCompletableFuture();
            return fields.thenCombine(live, (values, gateways) -> new Snapshot(parse(userId, values), gateways));
        });
    }

    @Override
    public CompletableFuture<Void> save(String userId, PresenceState state) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(STATUS, state.status().wireName());
        fields.put(LAST_SEEN, state.lastSeen().toString());
        return withRedis(redis -> redis.hset(keys.presence(userId), fields).toCompletableFuture().thenApply(n -> null));
    }

    @Override
    public CompletableFuture<Void> trackSession(String gatewayId, String userId, boolean connected) {
        String key = keys.gatewayUsers(gatewayId);
        return withRedis(redis -> (connected ? redis.sadd(key, userId) : redis.srem(key, userId))
                .toCompletableFuture().thenApply(n -> null));
    }

    @Override
    public CompletableFuture<Void> forgetSession(String gatewayId, String userId) {
        return withRedis(redis -> {
            CompletableFuture<Long> entry = redis.zrem(keys.userGateways(userId), gatewayId).toCompletableFuture();
            CompletableFuture<Long> tracked = redis.srem(keys.gatewayUsers(gatewayId), userId).toCompletableFuture();
            return CompletableFuture.allOf(entry, tracked);
        });
    }

    @Override
    public CompletableFuture<Void> expireSessions(String userId, long nowMillis) {
        return withRedis(redis -> redis.zremrangebyscore(keys.userGateways(userId),
                Range.create(Double.NEGATIVE_INFINITY, (double) nowMillis)).toCompletableFuture().thenApply(n -> null));
    }

    @Override
    public CompletableFuture<Set<String>> gateways() {
        return withRedis(redis -> redis.smembers(keys.gateways()).toCompletableFuture());
    }

    @Override
    public CompletableFuture<Set<String>> aliveGateways(Collection<String> gatewayIds) {
        return withRedis(redis -> {
            Map<String, RedisFuture<Long>> checks = new LinkedHashMap<>();
            for (String gatewayId : gatewayIds) {
                checks.put(gatewayId, redis.exists(keys.gatewayAlive(gatewayId)));
            }
            return CompletableFuture.allOf(checks.values().stream().map(RedisFuture::toCompletableFuture)
                    .toArray(CompletableFuture[]::new)).thenApply(done -> {
                        Set<String> alive = new HashSet<>();
                        checks.forEach((gatewayId, exists) -> {
                            if (exists.toCompletableFuture().join() > 0) {
                                alive.add(gatewayId);
                            }
                        });
                        return alive;
                    });
        });
    }

    @Override
    public CompletableFuture<Set<String>> trackedUsers(String gatewayId) {
        return withRedis(redis -> redis.smembers(keys.gatewayUsers(gatewayId)).toCompletableFuture());
    }

    @Override
    public CompletableFuture<Map<String, Long>> sessionExpiries(String gatewayId, Collection<String> userIds) {
        return withRedis(redis -> {
            Map<String, RedisFuture<Double>> scores = new LinkedHashMap<>();
            for (String userId : userIds) {
                scores.put(userId, redis.zscore(keys.userGateways(userId), gatewayId));
            }
            return CompletableFuture.allOf(scores.values().stream().map(RedisFuture::toCompletableFuture)
                    .toArray(CompletableFuture[]::new)).thenApply(done -> {
                        Map<String, Long> expiries = new LinkedHashMap<>();
                        scores.forEach((userId, score) -> {
                            Double value = score.toCompletableFuture().join();
                            if (value != null) {
                                expiries.put(userId, value.longValue());
                            }
                        });
                        return expiries;
                    });
        });
    }

    private static PresenceState parse(String userId, List<KeyValue<String, String>> values) {
        String status = values.get(0).getValueOrElse(null);
        String lastSeen = values.get(1).getValueOrElse(null);
        if (status == null || lastSeen == null) {
            return null;
        }
        try {
            return new PresenceState(PresenceStatus.fromWire(status), Instant.parse(lastSeen));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            log.warn("Ignoring an unreadable presence of user {}: {}", userId, e.getMessage());
            return null;
        }
    }

    private <T> CompletableFuture<T> withRedis(
            java.util.function.Function<RedisAsyncCommands<String, String>, CompletableFuture<T>> commands) {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection;
        if (!current.isDone() || current.isCompletedExceptionally()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no Redis connection"));
        }
        try {
            return commands.apply(current.join().async());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        CompletableFuture<StatefulRedisConnection<String, String>> attempt = client
                .connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
        connection = attempt;
        attempt.whenComplete((open, error) -> {
            if (error == null) {
                failureLogged = false;
                log.info("Presence Redis connection open to {}:{}", uri.getHost(), uri.getPort());
                if (closed) {
                    open.closeAsync();
                }
                return;
            }
            if (!failureLogged) {
                failureLogged = true;
                log.warn("Presence Redis connection to {}:{} failed, retrying every {} ms: {}", uri.getHost(),
                        uri.getPort(), reconnectInterval.toMillis(), error.toString());
            }
            CompletableFuture.runAsync(this::connect,
                    CompletableFuture.delayedExecutor(reconnectInterval.toMillis(), TimeUnit.MILLISECONDS));
        });
    }

    /** Stops reconnecting; the connection itself closes with its client. */
    @Override
    public void close() {
        closed = true;
    }
}
