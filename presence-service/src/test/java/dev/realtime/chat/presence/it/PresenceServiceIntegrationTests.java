package dev.realtime.chat.presence.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.EventBatch;
import dev.realtime.chat.model.envelope.EventEnvelope;
import dev.realtime.chat.model.envelope.PresenceUpdate;
import dev.realtime.chat.model.topology.RedisKeys;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.PresenceEvent;
import dev.realtime.chat.model.wire.PresenceStatus;
import dev.realtime.chat.presence.PresenceServiceApplication;
import dev.realtime.chat.testsupport.ChatTestInfrastructure;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The presence service against real RabbitMQ, Redis and Cassandra. The tests play the gateways (session entries
 * in Redis, PresenceUpdates on chat.presence) and the router (they read the EventBatches on chat.messages).
 */
class PresenceServiceIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static final ChatTestInfrastructure infra = ChatTestInfrastructure.get();
    private static final RedisKeys keys = new RedisKeys(infra.redisKeyPrefix());
    private static ConfigurableApplicationContext presence;
    private static Connection connection;
    private static Channel channel;
    private static StatefulRedisConnection<String, String> redisConnection;
    private static final BlockingQueue<Received> events = new LinkedBlockingQueue<>();

    /** One presence event as the router receives it. */
    record Received(String type, EventEnvelope envelope, PresenceEvent event) {
    }

    @BeforeAll
    static void start() throws Exception {
        presence = new SpringApplicationBuilder(PresenceServiceApplication.class).run(infra.asArguments(Map.of(
                "server.port", "0",
                "chat.instance-id", "presence-test",
                "chat.presence.sweep-interval", "300ms",
                "chat.presence.stale-sweep-every", "1",
                "chat.presence.contacts-ttl", "2s")));
        connection = infra.rabbitConnectionFactory().newConnection("presence-test");
        channel = connection.createChannel();
        channel.confirmSelect();
        String queue = channel.queueDeclare("presence-test-events-" + infra.runId(), false, true, true, null)
                .getQueue();
        channel.queueBind(queue, Topology.MESSAGES_EXCHANGE, "event.*");
        channel.basicConsume(queue, true, (tag, delivery) -> {
            EventBatch batch = JsonCodec.fromBytes(delivery.getBody(), EventBatch.class);
            for (EventEnvelope envelope : batch.events()) {
                events.add(new Received(delivery.getProperties().getType(), envelope,
                        JsonCodec.fromJson(envelope.payloadJson(), PresenceEvent.class)));
            }
        }, tag -> { });
        redisConnection = infra.redisClient().connect();
    }

    @AfterAll
    static void stop() throws Exception {
        redisConnection.close();
        connection.close();
        presence.close();
    }

    private static RedisCommands<String, String> redis() {
        return redisConnection.sync();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A conversation in Cassandra, both directions, as the gateway writes it. */
    private static void conversation(String... members) {
        CqlSession session = infra.cqlSession();
        String keyspace = infra.cassandraKeyspace();
        String conversationId = unique("conv");
        for (String member : members) {
            session.execute(String.format("INSERT INTO %s.conversation_members (conversation_id, user_id, joined_at)"
                    + " VALUES ('%s', '%s', toTimestamp(now()))", keyspace, conversationId, member));
            session.execute(String.format("INSERT INTO %s.user_conversations (user_id, conversation_id, joined_at)"
                    + " VALUES ('%s', '%s', toTimestamp(now()))", keyspace, member, conversationId));
        }
    }

    /** The gateway's heartbeat: alive key, gateways set. */
    private static void gatewayAlive(String gatewayId) {
        redis().psetex(keys.gatewayAlive(gatewayId), 30_000, "1");
        redis().sadd(keys.gateways(), gatewayId);
    }

    private static void sessionOpened(String userId, String gatewayId) {
        redis().zadd(keys.userGateways(userId), System.currentTimeMillis() + 30_000, gatewayId);
    }

    private static void sessionClosed(String userId, String gatewayId) {
        redis().zrem(keys.userGateways(userId), gatewayId);
    }

    private static void report(String userId, String gatewayId, PresenceUpdate.Kind kind, PresenceStatus status,
            Instant at) throws Exception {
        publish(JsonCodec.toBytes(new PresenceUpdate(userId, gatewayId, kind, status, at)));
    }

    private static void publish(byte[] body) throws Exception {
        channel.basicPublish(Topology.PRESENCE_EXCHANGE, "", new AMQP.BasicProperties.Builder()
                .type(Topology.TYPE_PRESENCE_UPDATE).contentType("application/json").build(), body);
        channel.waitForConfirmsOrDie(10_000);
    }

    /** The next presence event about {@code userId} (events of other tests' users are skipped). */
    private static Received nextEventAbout(String userId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Received received = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (received != null && received.event().userId().equals(userId)) {
                return received;
            }
        }
        throw new AssertionError("no presence event about " + userId + " within " + WAIT);
    }

    private static Map<String, String> storedPresence(String userId) {
        return redis().hgetall(keys.presence(userId));
    }

    @Test
    void staysOnlineWhileAnotherGatewayHoldsASessionAndTellsContactsWhenTheLastOneCloses() throws Exception {
        String alice = unique("alice");
        String bob = unique("bob");
        String carol = unique("carol");
        conversation(alice, bob);
        conversation(alice, carol);
        String gwA = unique("gw-a");
        String gwB = unique("gw-b");
        gatewayAlive(gwA);
        gatewayAlive(gwB);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        sessionOpened(alice, gwA);
        report(alice, gwA, PresenceUpdate.Kind.CONNECTED, PresenceStatus.ONLINE, t0);
        Received online = nextEventAbout(alice);
        assertThat(online.type()).isEqualTo(Topology.TYPE_EVENT_BATCH);
        assertThat(online.event()).isEqualTo(new PresenceEvent(alice, PresenceStatus.ONLINE, t0));
        assertThat(online.envelope().recipientIds()).containsExactlyInAnyOrder(bob, carol);
        assertThat(online.envelope().excludeUserId()).isEqualTo(alice);
        assertThat(online.envelope().payloadJson()).isEqualTo(
                "{\"type\":\"presence\",\"userId\":\"" + alice + "\",\"status\":\"online\",\"lastSeen\":\"" + t0
                        + "\"}");
        assertThat(storedPresence(alice)).containsEntry("status", "online").containsEntry("lastSeen", t0.toString());

        sessionOpened(alice, gwB);
        report(alice, gwB, PresenceUpdate.Kind.CONNECTED, PresenceStatus.ONLINE, t0.plusSeconds(1));
        report(alice, gwA, PresenceUpdate.Kind.DISCONNECTED, PresenceStatus.OFFLINE, t0.plusSeconds(2));
        sessionClosed(alice, gwA);
        report(alice, gwB, PresenceUpdate.Kind.STATUS, PresenceStatus.BUSY, t0.plusSeconds(3));

        Received busy = nextEventAbout(alice);
        assertThat(busy.event().status()).as("the first disconnect did not make her offline")
                .isEqualTo(PresenceStatus.BUSY);
        assertThat(storedPresence(alice)).containsEntry("status", "busy");

        report(alice, gwB, PresenceUpdate.Kind.DISCONNECTED, PresenceStatus.OFFLINE, t0.plusSeconds(4));
        sessionClosed(alice, gwB);
        Received offline = nextEventAbout(alice);
        assertThat(offline.event()).isEqualTo(new PresenceEvent(alice, PresenceStatus.OFFLINE, t0.plusSeconds(4)));
        assertThat(offline.envelope().recipientIds()).containsExactlyInAnyOrder(bob, carol);
        assertThat(storedPresence(alice)).containsEntry("status", "offline")
                .containsEntry("lastSeen", t0.plusSeconds(4).toString());
    }

    @Test
    void sweepsADeadGatewayAndTellsContactsItsUsersAreOffline() throws Exception {
        String carol = unique("carol");
        String dave = unique("dave");
        String erin = unique("erin-two-gateways");
        conversation(carol, dave, erin);
        String dead = unique("gw-dying");
        String live = unique("gw-live");
        gatewayAlive(dead);
        gatewayAlive(live);
        sessionOpened(carol, dead);
        report(carol, dead, PresenceUpdate.Kind.CONNECTED, PresenceStatus.ONLINE, Instant.now());
        assertThat(nextEventAbout(carol).event().status()).isEqualTo(PresenceStatus.ONLINE);
        sessionOpened(erin, dead);
        sessionOpened(erin, live);
        report(erin, dead, PresenceUpdate.Kind.CONNECTED, PresenceStatus.ONLINE, Instant.now());
        report(erin, live, PresenceUpdate.Kind.CONNECTED, PresenceStatus.ONLINE, Instant.now());
        assertThat(nextEventAbout(erin).event().status()).isEqualTo(PresenceStatus.ONLINE);

        // The gateway dies: its alive key expires, nobody reports the disconnects, its session entries stay.
        redis().del(keys.gatewayAlive(dead));

        Received offline = nextEventAbout(carol);
        assertThat(offline.event().status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(offline.envelope().recipientIds()).containsExactlyInAnyOrder(dave, erin);
        assertThat(storedPresence(carol)).containsEntry("status", "offline");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(redis().zscore(keys.userGateways(carol), dead)).isNull();
            assertThat(redis().zscore(keys.userGateways(erin), dead)).isNull();
        });
        assertThat(redis().zscore(keys.userGateways(erin), live)).isNotNull();
        assertThat(storedPresence(erin)).as("erin still has a session on a live gateway")
                .containsEntry("status", "online");
    }

    @Test
    void marksAUserOfflineWhenTheirSessionEntryExpiresOnALiveGateway() throws Exception {
        String frank = unique("frank");
        String grace = unique("grace");
        conversation(frank, grace);
        String gateway = unique("gw");
        gatewayAlive(gateway);
        sessionOpened(frank, gateway);
        report(frank, gateway, PresenceUpdate.Kind.CONNECTED, PresenceStatus.ONLINE, Instant.now());
        assertThat(nextEventAbout(frank).event().status()).isEqualTo(PresenceStatus.ONLINE);

        // The gateway stops refreshing frank's entry (a lost disconnect): it expires.
        redis().zadd(keys.userGateways(frank), System.currentTimeMillis() - 1, gateway);

        Received offline = nextEventAbout(frank);
        assertThat(offline.event().status()).isEqualTo(PresenceStatus.OFFLINE);
        assertThat(offline.envelope().recipientIds()).containsExactly(grace);
    }

    @Test
    void rejectsAnUnreadableUpdateAndKeepsApplyingTheNextOnes() throws Exception {
        String henry = unique("henry");
        String ivy = unique("ivy");
        conversation(henry, ivy);
        String gateway = unique("gw");
        gatewayAlive(gateway);
        MeterRegistry meters = presence.getBean(MeterRegistry.class);
        double poisonBefore = meters.get("chat.presence.updates").tag("kind", "poison").counter().count();

        publish("{\"userId\": 42, \"kind\": \"SOMETHING\"".getBytes(StandardCharsets.UTF_8));
        sessionOpened(henry, gateway);
        report(henry, gateway, PresenceUpdate.Kind.CONNECTED, PresenceStatus.ONLINE, Instant.now());

        assertThat(nextEventAbout(henry).envelope().recipientIds()).containsExactly(ivy);
        assertThat(meters.get("chat.presence.updates").tag("kind", "poison").counter().count())
                .isEqualTo(poisonBefore + 1);
        assertThat(meters.get("chat.presence.changes").tag("status", "online").counter().count()).isPositive();
        await().atMost(WAIT).until(() -> channel.messageCount(Topology.PRESENCE_QUEUE) == 0);
    }

}
