package dev.realtime.chat.presence.sweep;

import dev.realtime.chat.presence.state.PresenceStore;
import dev.realtime.chat.presence.state.PresenceTrigger;
import dev.realtime.chat.presence.updates.PresenceProcessor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every sweep interval: gateways of {@code gateways} whose alive key expired are dead, so each user tracked on
 * them loses that session entry and is re-evaluated (offline, with an event, when no other gateway holds a
 * session). Every few sweeps, the users of live gateways whose session entry expired (the gateway stopped
 * refreshing it) are re-evaluated too. Dead gateways stay in the set: a user whose CONNECTED is processed after
 * its gateway died is swept the next time.
 */
public final class GatewaySweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GatewaySweeper.class);

    /** What one sweep found. */
    public record Result(Set<String> deadGateways, int usersOfDeadGateways, int expiredSessions) {
    }

    private final PresenceStore store;
    private final PresenceProcessor processor;
    private final Clock clock;
    private final Duration interval;
    private final int staleSweepEvery;
    private final Duration timeout;
    private volatile ScheduledExecutorService scheduler;
    private long sweeps;
    private Set<String> knownDead = Set.of();

    public GatewaySweeper(PresenceStore store, PresenceProcessor processor, Clock clock, Duration interval,
            int staleSweepEvery, Duration timeout) {
        this.store = store;
        this.processor = processor;
        this.clock = clock;
        this.interval = interval;
        this.staleSweepEvery = staleSweepEvery;
        this.timeout = timeout;
    }

    /** One sweep; completes when every affected user has been re-evaluated. */
    public CompletableFuture<Result> sweep(boolean includeExpiredSessions) {
        return store.gateways().thenCompose(gateways -> store.aliveGateways(gateways).thenCompose(alive -> {
            Set<String> dead = new HashSet<>(gateways);
            dead.removeAll(alive);
            List<CompletableFuture<Integer>> work = new ArrayList<>();
            for (String gatewayId : dead) {
                work.add(sweepDead(gatewayId));
            }
            CompletableFuture<Integer> deadUsers = sum(work);
            CompletableFuture<Integer> expired = includeExpiredSessions ? sum(alive.stream()
                    .map(this::sweepExpired).toList()) : CompletableFuture.completedFuture(0);
            return deadUsers.thenCombine(expired, (users, sessions) -> new Result(dead, users, sessions));
        }));
    }

    private CompletableFuture<Integer> sweepDead(String gatewayId) {
        return store.trackedUsers(gatewayId).thenCompose(users -> {
            long now = clock.millis();
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (String userId : users) {
                done.add(processor.apply(new PresenceTrigger(PresenceTrigger.Kind.GATEWAY_GONE, userId, gatewayId,
                        null, Instant.ofEpochMilli(now))));
            }
            return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).thenApply(ignored -> users.size());
        });
    }

    private CompletableFuture<Integer> sweepExpired(String gatewayId) {
        return store.trackedUsers(gatewayId).thenCompose(users -> store.sessionExpiries(gatewayId, users)
                .thenCompose(expiries -> {
                    long now = clock.millis();
                    List<CompletableFuture<Void>> done = new ArrayList<>();
                    for (String userId : users) {
                        if (expired(expiries, userId, now)) {
                            done.add(processor.apply(new PresenceTrigger(PresenceTrigger.Kind.SESSION_EXPIRED, userId,
                                    gatewayId, null, Instant.ofEpochMilli(now))));
                        }
                    }
                    return CompletableFuture.allOf(done.toArray(CompletableFuture[]::new))
                            .thenApply(ignored -> done.size());
                }));
    }

    private static CompletableFuture<Integer> sum(List<CompletableFuture<Integer>> parts) {
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(ignored -> parts.stream().mapToInt(CompletableFuture::join).sum());
    }

    private void scheduledSweep() {
        boolean includeExpired = sweeps++ % staleSweepEvery == 0;
        try {
            Result result = sweep(includeExpired).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!result.deadGateways().equals(knownDead)) {
                Set<String> newlyDead = new HashSet<>(result.deadGateways());
                newlyDead.removeAll(knownDead);
                if (!newlyDead.isEmpty()) {
                    log.info("Gateways {} are dead; swept {} of their users", newlyDead, result.usersOfDeadGateways());
                }
                knownDead = result.deadGateways();
            }
            if (result.expiredSessions() > 0) {
                log.info("Re-evaluated {} users whose session entries expired", result.expiredSessions());
            }
        } catch (Exception e) {
            log.warn("Presence sweep failed (next in {}): {}", interval, e.toString());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService local = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "presence-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        local.scheduleWithFixedDelay(this::scheduledSweep, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler = local;
    }

    @Override
    public void stop() {
        ScheduledExecutorService local = scheduler;
        scheduler = null;
        if (local != null) {
            local.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** A session entry that is gone (removed by its gateway) or whose expiry has passed. */
    static boolean expired(Map<String, Long> expiries, String userId, long now) {
        Long expiry = expiries.get(userId);
        return expiry == null || expiry <= now;
    }
}
