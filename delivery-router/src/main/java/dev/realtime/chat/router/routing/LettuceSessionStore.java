package dev.realtime.chat.router.routing;

import dev.realtime.chat.model.topology.RedisKeys;
import dev.realtime.chat.router.batch.HistoryEntry;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SessionStore} on a Lettuce connection of its own, used by one shard thread only: commands are queued
 * with auto-flush off and written in one flush, so a batch costs one pipeline however many messages it holds.
 *
 * <p>The connection is opened asynchronously and never on the caller's thread: while it is not open, calls fail
 * at once (the router broadcasts), and a new attempt is made every {@code reconnectInterval} in the background.
 * Once open, Lettuce reconnects by itself; commands issued while disconnected are rejected at once (client
 * options).
 */
public final class LettuceSessionStore implements SessionStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LettuceSessionStore.class);

    private final RedisClient client;
    private final RedisURI uri;
    private final RedisKeys keys;
    private final int historySize;
    private final Duration reconnectInterval;
    private final String name;
    private volatile CompletableFuture<StatefulRedisConnection<String, String>> connection;
    private volatile boolean closed;
    private volatile boolean failureLogged;

    public LettuceSessionStore(RedisClient client, RedisURI uri, RedisKeys keys, int historySize,
            Duration reconnectInterval, String name) {
        this.client = client;
        this.uri = uri;
        this.keys = keys;
        this.historySize = historySize;
        this.reconnectInterval = reconnectInterval;
        this.name = name;
        connect();
    }

    @Override
    public CompletableFuture<Map<String, List<String>>> appendAndLookup(List<HistoryEntry> history,
            Collection<String> users, long nowMillis) {
        StatefulRedisConnection<String, String> open = openConnection();
        if (open == null) {
            return CompletableFuture.failedFuture(new RedisUnavailableException("no Redis connection (" + name + ")"));
        }
        RedisAsyncCommands<String, String> redis = open.async();
        List<CompletableFuture<?>> all = new ArrayList<>(history.size() + users.size() + 4);
        Set<String> historyKeys = new LinkedHashSet<>();
        for (HistoryEntry entry : history) {
            String key = keys.conversationHistory(entry.conversationId());
            historyKeys.add(key);
            all.add(redis.zadd(key, (double) entry.seq(), entry.messageJson()).toCompletableFuture());
        }
        for (String key : historyKeys) {
            // Keeps the newest historySize members (highest seq): ranks 0 .. -(historySize + 1) are the oldest.
            all.add(redis.zremrangebyrank(key, 0, -(historySize + 1L)).toCompletableFuture());
        }
        Map<String, RedisFuture<List<String>>> lookups = new HashMap<>(users.size() * 2);
        Range<Long> live = Range.from(Range.Boundary.excluding(nowMillis), Range.Boundary.unbounded());
        for (String userId : users) {
            RedisFuture<List<String>> gateways = redis.zrangebyscore(keys.userGateways(userId), live);
            lookups.put(userId, gateways);
            all.add(gateways.toCompletableFuture());
        }
        open.flushCommands();
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, List<String>> gatewaysByUser = new HashMap<>(lookups.size() * 2);
            lookups.forEach((userId, future) -> {
                List<String> gateways = future.toCompletableFuture().join();
                if (gateways != null && !gateways.isEmpty()) {
                    gatewaysByUser.put(userId, gateways);
                }
            });
            return gatewaysByUser;
        });
    }

    private StatefulRedisConnection<String, String> openConnection() {
        CompletableFuture<StatefulRedisConnection<String, String>> current = connection;
        if (current.isDone() && !current.isCompletedExceptionally()) {
            return current.join();
        }
        return null;
    }

    /** Opens the connection in the background; after a failure, tries again every reconnect interval. */
    private void connect() {
        if (closed) {
            return;
        }
        CompletableFuture<StatefulRedisConnection<String, String>> attempt = client
                .connectAsync(StringCodec.UTF8, uri).toCompletableFuture()
                .thenApply(open -> {
                    open.setAutoFlushCommands(false);
                    return open;
                });
        connection = attempt;
        attempt.whenComplete((open, error) -> {
            if (error == null) {
                failureLogged = false;
                log.info("Redis connection {} open to {}:{}", name, uri.getHost(), uri.getPort());
                if (closed) {
                    open.closeAsync();
                }
                return;
            }
            if (!failureLogged) {
                failureLogged = true;
                log.warn("Redis connection {} to {}:{} failed, retrying every {} ms in the background: {}", name,
                        uri.getHost(), uri.getPort(), reconnectInterval.toMillis(), error.toString());
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
