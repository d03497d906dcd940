package dev.realtime.chat.presence.updates;

import dev.realtime.chat.presence.state.PresenceState;
import dev.realtime.chat.presence.state.PresenceStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Redis as the presence service sees it, in memory; {@link #failNext} makes the next calls fail. */
public final class FakePresenceStore implements PresenceStore {

    public final Map<String, PresenceState> presence = new ConcurrentHashMap<>();
    /** user -> gateway -> expiry millis */
    public final Map<String, Map<String, Long>> sessions = new ConcurrentHashMap<>();
    public final Map<String, Set<String>> tracked = new ConcurrentHashMap<>();
    public final Set<String> gateways = ConcurrentHashMap.newKeySet();
    public final Set<String> alive = ConcurrentHashMap.newKeySet();
    public final AtomicInteger failNext = new AtomicInteger();
    public final List<String> writes = java.util.Collections.synchronizedList(new ArrayList<>());

    public void session(String userId, String gatewayId, long expiry) {
        sessions.computeIfAbsent(userId, u -> new ConcurrentHashMap<>()).put(gatewayId, expiry);
        gateways.add(gatewayId);
    }

    public void endSession(String userId, String gatewayId) {
        sessions.getOrDefault(userId, Map.of()).remove(gatewayId);
    }

    private <T> CompletableFuture<T> result(java.util.function.Supplier<T> value) {
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("redis down"));
        }
        return CompletableFuture.completedFuture(value.get());
    }

    @Override
    public CompletableFuture<Snapshot> load(String userId, long nowMillis) {
        return result(() -> {
            List<String> live = new ArrayList<>();
            sessions.getOrDefault(userId, Map.of()).forEach((gw, expiry) -> {
                if (expiry > nowMillis) {
                    live.add(gw);
                }
            });
            return new Snapshot(presence.get(userId), live);
        });
    }

    @Override
    public CompletableFuture<Void> save(String userId, PresenceState state) {
        return result(() -> {
            presence.put(userId, state);
            writes.add(userId + "=" + state.status().wireName());
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> trackSession(String gatewayId, String userId, boolean connected) {
        return result(() -> {
            Set<String> users = tracked.computeIfAbsent(gatewayId, g -> ConcurrentHashMap.newKeySet());
            if (connected) {
                users.add(userId);
            } else {
                users.remove(userId);
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> forgetSession(String gatewayId, String userId) {
        return result(() -> {
            sessions.getOrDefault(userId, new ConcurrentHashMap<>()).remove(gatewayId);
            tracked.getOrDefault(gatewayId, new HashSet<>()).remove(userId);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> expireSessions(String userId, long nowMillis) {
        return result(() -> {
            sessions.getOrDefault(userId, new ConcurrentHashMap<>()).values().removeIf(expiry -> expiry <= nowMillis);
            return null;
        });
    }

    @Override
    public CompletableFuture<Set<String>> gateways() {
        return result(() -> Set.copyOf(gateways));
    }

    @Override
    public CompletableFuture<Set<String>> aliveGateways(Collection<String> gatewayIds) {
        return result(() -> {
            Set<String> found = new HashSet<>(gatewayIds);
            found.retainAll(alive);
            return found;
        });
    }

    @Override
    public CompletableFuture<Set<String>> trackedUsers(String gatewayId) {
        return result(() -> Set.copyOf(tracked.getOrDefault(gatewayId, Set.of())));
    }

    @Override
    public CompletableFuture<Map<String, Long>> sessionExpiries(String gatewayId, Collection<String> userIds) {
        return result(() -> {
            Map<String, Long> expiries = new LinkedHashMap<>();
            for (String userId : userIds) {
                Long expiry = sessions.getOrDefault(userId, Map.of()).get(gatewayId);
                if (expiry != null) {
                    expiries.put(userId, expiry);
                }
            }
            return expiries;
        });
    }
}
