package dev.realtime.chat.gateway.session;

import dev.realtime.chat.gateway.redis.GatewayRedis;
import dev.realtime.chat.gateway.websocket.GatewayProperties;
import dev.realtime.chat.model.topology.RedisKeys;
import io.lettuce.core.Range;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The session registry the router and presence service read: ZSET {@code user:<id>:gateways} (member = this
 * gateway, score = expiry millis) while the user has a session here, refreshed every
 * {@code chat.gateway.registry-refresh} with {@code registry-ttl}; {@code gateway:<id>:alive} with the same TTL;
 * the gateway in SET {@code gateways}. The refresh also re-registers everything after a Redis restart. Nothing
 * here blocks a caller: writes are asynchronous and failures only logged (the next refresh repairs them).
 */
public class RedisSessionRegistry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RedisSessionRegistry.class);

    private final GatewayRedis redis;
    private final RedisKeys keys;
    private final LocalSessions sessions;
    private final String gatewayId;
    private final long refreshMillis;
    private final long ttlMillis;
    private volatile ScheduledExecutorService scheduler;
    private volatile boolean lastRefreshFailed;

    public RedisSessionRegistry(GatewayRedis redis, RedisKeys keys, LocalSessions sessions, String gatewayId,
            GatewayProperties properties) {
        this.redis = redis;
        this.keys = keys;
        this.sessions = sessions;
        this.gatewayId = gatewayId;
        this.refreshMillis = properties.registryRefresh().toMillis();
        this.ttlMillis = properties.registryTtl().toMillis();
    }

    public void userConnected(String userId) {
        try {
            redis.async().zadd(keys.userGateways(userId), System.currentTimeMillis() + ttlMillis, gatewayId)
                    .whenComplete((added, error) -> logFailure("register", error));
        } catch (RuntimeException e) {
            logFailure("register", e);
        }
    }

    public void userDisconnected(String userId) {
        try {
            redis.async().zrem(keys.userGateways(userId), gatewayId)
                    .whenComplete((removed, error) -> logFailure("deregister", error));
        } catch (RuntimeException e) {
            logFailure("deregister", e);
        }
    }

    /** One refresh: the alive key, the gateways set, and every local user's entry (expired entries pruned). */
    public CompletableFuture<Void> refresh() {
        try {
            RedisAsyncCommands<String, String> async = redis.async();
            long now = System.currentTimeMillis();
            List<CompletableFuture<?>> writes = new ArrayList<>();
            writes.add(async.psetex(keys.gatewayAlive(gatewayId), ttlMillis, Long.toString(now)).toCompletableFuture());
            writes.add(async.sadd(keys.gateways(), gatewayId).toCompletableFuture());
            for (String userId : sessions.users()) {
                String key = keys.userGateways(userId);
                writes.add(async.zadd(key, now + ttlMillis, gatewayId).toCompletableFuture());
                writes.add(async.zremrangebyscore(key, Range.create(0, (double) now)).toCompletableFuture());
            }
            return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).whenComplete((ok, error) -> {
                if (error != null && !lastRefreshFailed) {
                    log.warn("Session registry refresh failed: {}", error.toString());
                } else if (error == null && lastRefreshFailed) {
                    log.info("Session registry refreshed again");
                }
                lastRefreshFailed = error != null;
            });
        } catch (RuntimeException e) {
            if (!lastRefreshFailed) {
                log.warn("Session registry refresh failed: {}", e.toString());
            }
            lastRefreshFailed = true;
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService local = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "gateway-session-registry");
            thread.setDaemon(true);
            return thread;
        });
        local.scheduleAtFixedRate(() -> {
            try {
                refresh().get(refreshMillis, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // logged by refresh()
            }
        }, 0, refreshMillis, TimeUnit.MILLISECONDS);
        scheduler = local;
    }

    /** Deregisters this gateway and its users (their sessions are closing with it). */
    @Override
    public void stop() {
        ScheduledExecutorService local = scheduler;
        scheduler = null;
        if (local != null) {
            local.shutdownNow();
        }
        try {
            RedisAsyncCommands<String, String> async = redis.async();
            List<CompletableFuture<?>> writes = new ArrayList<>();
            for (String userId : sessions.users()) {
                writes.add(async.zrem(keys.userGateways(userId), gatewayId).toCompletableFuture());
            }
            writes.add(async.del(keys.gatewayAlive(gatewayId)).toCompletableFuture());
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("Session registry clean-up incomplete: {}", e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    private void logFailure(String what, Throwable error) {
        if (error != null) {
            log.debug("Session registry {} failed: {}", what, error.toString());
        }
    }
}
