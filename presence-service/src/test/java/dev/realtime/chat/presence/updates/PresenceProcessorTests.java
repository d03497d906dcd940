package dev.realtime.chat.presence.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.model.wire.PresenceStatus;
import dev.realtime.chat.presence.contacts.ContactDirectory;
import dev.realtime.chat.presence.events.PresenceEventPublisher;
import dev.realtime.chat.presence.state.PresenceState;
import dev.realtime.chat.presence.state.PresenceTrigger;
import dev.realtime.chat.presence.sweep.GatewaySweeper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PresenceProcessorTests {

    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    private static final long SESSION_TTL = 30_000;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PresenceMetrics metrics = new PresenceMetrics(registry);
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final FakePresenceStore store = new FakePresenceStore();
    private final FakeContacts contacts = new FakeContacts();
    private final FakeEvents events = new FakeEvents();
    private final Retrier retrier = new Retrier(Duration.ofMillis(2), Duration.ofMillis(10), metrics::retried);
    private final PresenceProcessor processor = new PresenceProcessor(store, contacts, events,
            new SerialLanes(4, executor), retrier, clock, metrics);

    @AfterEach
    void shutDown() {
        retrier.close();
        executor.shutdownNow();
    }

    private static PresenceTrigger trigger(PresenceTrigger.Kind kind, String userId, String gatewayId,
            PresenceStatus status, int secondsLater) {
        return new PresenceTrigger(kind, userId, gatewayId, status, NOW.plusSeconds(secondsLater));
    }

    /** As a gateway does it: the session entry first, then the report. */
    private void connect(String userId, String gatewayId) throws Exception {
        store.session(userId, gatewayId, NOW.toEpochMilli() + SESSION_TTL);
        store.alive.add(gatewayId);
        processor.apply(trigger(PresenceTrigger.Kind.CONNECTED, userId, gatewayId, null, 0)).get(5, TimeUnit.SECONDS);
    }

    /** The report may arrive before the gateway removed its entry: the processor must not count that entry. */
    private void disconnect(String userId, String gatewayId, int secondsLater) throws Exception {
        processor.apply(trigger(PresenceTrigger.Kind.DISCONNECTED, userId, gatewayId, null, secondsLater))
                .get(5, TimeUnit.SECONDS);
        store.endSession(userId, gatewayId);
    }

    @Test
    void staysOnlineWhileAnotherGatewayStillHoldsASession() throws Exception {
        contacts.of.put("alice", Set.of("bob"));
        connect("alice", "gw-1");
        connect("alice", "gw-2");

        disconnect("alice", "gw-1", 10);

        assertThat(store.presence.get("alice").status()).isEqualTo(PresenceStatus.ONLINE);
        assertThat(events.sent).extracting(Sent::status).containsExactly(PresenceStatus.ONLINE);
        assertThat(store.tracked.get("gw-1")).doesNotContain("alice");
        assertThat(store.tracked.get("gw-2")).contains("alice");
    }

    @Test
    void theLastDisconnectSendsOfflineToEveryContact() throws Exception {
        contacts.of.put("alice", Set.of("bob", "carol"));
        connect("alice", "gw-1");

        disconnect("alice", "gw-1", 42);

        assertThat(store.presence.get("alice")).isEqualTo(new PresenceState(PresenceStatus.OFFLINE,
                NOW.plusSeconds(42)));
        assertThat(events.sent).extracting(Sent::status).containsExactly(PresenceStatus.ONLINE,
                PresenceStatus.OFFLINE);
        Sent offline = events.sent.get(1);
        assertThat(offline.contacts()).containsExactlyInAnyOrder("bob", "carol");
        assertThat(offline.lastSeen()).isEqualTo(NOW.plusSeconds(42));
        assertThat(registry.get("chat.presence.changes").tag("status", "offline").counter().count()).isEqualTo(1);
    }

    @Test
    void appliesTheUpdatesOfOneUserInTheOrderTheyArrived() throws Exception {
        contacts.of.put("alice", Set.of("bob"));
        store.session("alice", "gw-1", NOW.toEpochMilli() + SESSION_TTL);
        List<CompletableFuture<Void>> all = List.of(
                processor.apply(trigger(PresenceTrigger.Kind.CONNECTED, "alice", "gw-1", null, 0)),
                processor.apply(trigger(PresenceTrigger.Kind.STATUS, "alice", "gw-1", PresenceStatus.AWAY, 1)),
                processor.apply(trigger(PresenceTrigger.Kind.STATUS, "alice", "gw-1", PresenceStatus.BUSY, 2)),
                processor.apply(trigger(PresenceTrigger.Kind.DISCONNECTED, "alice", "gw-1", null, 3)));

        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

        assertThat(events.sent).extracting(Sent::status).containsExactly(PresenceStatus.ONLINE, PresenceStatus.AWAY,
                PresenceStatus.BUSY, PresenceStatus.OFFLINE);
    }

    @Test
    void waitsForRedisAndThenAppliesTheUpdate() throws Exception {
        contacts.of.put("alice", Set.of("bob"));
        store.failNext.set(3);

        connect("alice", "gw-1");

        assertThat(store.presence.get("alice").status()).isEqualTo(PresenceStatus.ONLINE);
        assertThat(events.sent).hasSize(1);
        assertThat(registry.get("chat.presence.retries").counter().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void keepsTheStateButSkipsTheEventWhenContactsCannotBeRead() throws Exception {
        contacts.failing = true;

        connect("alice", "gw-1");

        assertThat(store.presence.get("alice").status()).isEqualTo(PresenceStatus.ONLINE);
        assertThat(events.sent).isEmpty();
        assertThat(registry.get("chat.presence.events.skipped").counter().count()).isEqualTo(1);
    }

    @Test
    void retriesAnEventTheBrokerDidNotConfirm() throws Exception {
        contacts.of.put("alice", Set.of("bob"));
        events.failNext.set(2);

        connect("alice", "gw-1");

        assertThat(events.sent).extracting(Sent::status).containsExactly(PresenceStatus.ONLINE);
        assertThat(events.attempts.get()).isEqualTo(3);
    }

    @Test
    void sendsNothingForAUserWithoutContactsOrWithoutAChange() throws Exception {
        connect("loner", "gw-1");
        contacts.of.put("alice", Set.of("bob"));
        connect("alice", "gw-1");
        connect("alice", "gw-2");

        assertThat(events.sent).hasSize(1);
        assertThat(events.sent.get(0).userId()).isEqualTo("alice");
    }

    @Test
    void aSweepMakesTheUsersOfADeadGatewayOfflineUnlessAnotherGatewayHoldsThem() throws Exception {
        contacts.of.put("alice", Set.of("bob"));
        contacts.of.put("bob", Set.of("alice"));
        connect("alice", "gw-dead");
        connect("bob", "gw-dead");
        connect("bob", "gw-live");
        store.alive.remove("gw-dead");
        events.sent.clear();
        GatewaySweeper sweeper = new GatewaySweeper(store, processor, clock, Duration.ofSeconds(5), 6,
                Duration.ofSeconds(5));

        GatewaySweeper.Result result = sweeper.sweep(false).get(5, TimeUnit.SECONDS);

        assertThat(result.deadGateways()).containsExactly("gw-dead");
        assertThat(result.usersOfDeadGateways()).isEqualTo(2);
        assertThat(store.presence.get("alice").status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(store.presence.get("bob").status()).isEqualTo(PresenceStatus.ONLINE);
        assertThat(events.sent).containsExactly(new Sent("alice", PresenceStatus.OFFLINE, NOW, Set.of("bob")));
        assertThat(store.sessions.get("alice")).doesNotContainKey("gw-dead");
        assertThat(store.tracked.get("gw-dead")).isEmpty();
    }

    @Test
    void aSweepReEvaluatesUsersWhoseSessionEntryExpired() throws Exception {
        contacts.of.put("carol", Set.of("bob"));
        connect("carol", "gw-live");
        store.session("carol", "gw-live", NOW.toEpochMilli() - 1); // the gateway stopped refreshing it
        GatewaySweeper sweeper = new GatewaySweeper(store, processor, clock, Duration.ofSeconds(5), 6,
                Duration.ofSeconds(5));

        GatewaySweeper.Result result = sweeper.sweep(true).get(5, TimeUnit.SECONDS);

        assertThat(result.expiredSessions()).isEqualTo(1);
        assertThat(store.presence.get("carol").status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(events.sent).extracting(Sent::status).containsExactly(PresenceStatus.ONLINE,
                PresenceStatus.OFFLINE);
        assertThat(store.sessions.get("carol")).isEmpty();
        assertThat(store.tracked.get("gw-live")).doesNotContain("carol");
    }

    record Sent(String userId, PresenceStatus status, Instant lastSeen, Set<String> contacts) {
    }

    static final class FakeContacts implements ContactDirectory {
        final Map<String, Set<String>> of = new java.util.concurrent.ConcurrentHashMap<>();
        volatile boolean failing;

        @Override
        public CompletableFuture<Set<String>> contactsOf(String userId) {
            if (failing) {
                return CompletableFuture.failedFuture(new IllegalStateException("cassandra down"));
            }
            return CompletableFuture.completedFuture(of.getOrDefault(userId, Set.of()));
        }
    }

    static final class FakeEvents implements PresenceEventPublisher {
        final List<Sent> sent = new CopyOnWriteArrayList<>();
        final AtomicInteger failNext = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public CompletableFuture<Void> publish(String userId, PresenceState state, Collection<String> contacts) {
            attempts.incrementAndGet();
            if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return CompletableFuture.failedFuture(new IllegalStateException("nack"));
            }
            sent.add(new Sent(userId, state.status(), state.lastSeen(), Set.copyOf(contacts)));
            return CompletableFuture.completedFuture(null);
        }
    }
}
