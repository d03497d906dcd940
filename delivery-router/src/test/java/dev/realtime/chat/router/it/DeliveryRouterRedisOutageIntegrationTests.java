package dev.realtime.chat.router.it;

import static dev.realtime.chat.router.it.RouterTestSupport.batch;
import static dev.realtime.chat.router.it.RouterTestSupport.message;
import static dev.realtime.chat.router.it.RouterTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.DeliveryItem;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.testsupport.fault.TcpProxy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The router with Redis behind a proxy: Redis unreachable from the start, then back, then cut mid-run. While
 * Redis cannot answer, every batch is broadcast to every gateway with all its recipients; nothing is dropped and
 * nothing waits longer than the Redis timeout.
 */
class DeliveryRouterRedisOutageIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static TcpProxy redisProxy;
    private static ConfigurableApplicationContext router;
    private static RouterTestSupport support;

    @BeforeAll
    static void startRouterWithRedisDown() {
        support = new RouterTestSupport();
        redisProxy = TcpProxy.start(support.infra.redisHost(), support.infra.redisPort()).cut();
        router = RouterTestSupport.startRouter(Map.of(
                "spring.data.redis.host", redisProxy.host(),
                "spring.data.redis.port", Integer.toString(redisProxy.port()),
                "chat.router.redis-timeout", "300ms",
                "chat.router.redis-reconnect-interval", "200ms",
                "resilience4j.circuitbreaker.instances.router-redis.wait-duration-in-open-state", "500ms"));
    }

    @AfterAll
    static void stop() throws Exception {
        router.close();
        redisProxy.close();
        support.close();
    }

    private static double counter(String name) {
        return router.getBean(MeterRegistry.class).find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Test
    void broadcastsWhileRedisIsDownThenRoutesDirectlyAgainOnceItIsBack() throws Exception {
        String gwA = unique("gw-a");
        String gwB = unique("gw-b");
        try (GatewayProbe gateways = GatewayProbe.start(support.infra.rabbitConnectionFactory(), gwA, gwB)) {
            String alice = unique("alice");
            String bob = unique("bob");
            support.connect(alice, gwA); // written to the real Redis; the router cannot see it
            support.connect(bob, gwB);
            String conversation = unique("conv");
            AtomicLong seq = new AtomicLong();

            // Redis unreachable since the router started: broadcast, with every recipient named.
            long down = seq.incrementAndGet();
            support.publish(conversation, batch(conversation, down, 1, List.of(alice, bob)), Topology.TYPE_MESSAGE_BATCH);
            GatewayProbe.Received onA = gateways.poll(gwA, WAIT);
            GatewayProbe.Received onB = gateways.poll(gwB, WAIT);
            DeliveryItem everyone = new DeliveryItem(DeliveryItem.MESSAGES, List.of(alice, bob),
                    JsonCodec.toJson(message(conversation, down)));
            assertThat(onA.delivery().items()).containsExactly(everyone);
            assertThat(onB.delivery().items()).containsExactly(everyone);
            assertThat(onA.type()).isEqualTo(Topology.TYPE_GATEWAY_DELIVERY);
            assertThat(counter("chat.router.broadcast")).isPositive();
            assertThat(counter("chat.router.history.skipped")).isPositive();
            assertThat(support.redis().exists(support.keys.conversationHistory(conversation)))
                    .as("history is skipped while Redis is down").isZero();

            // Redis back: the router reconnects by itself and routes per gateway again.
            redisProxy.restore();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
                long next = seq.incrementAndGet();
                support.publish(conversation, batch(conversation, next, 1, List.of(alice, bob)),
                        Topology.TYPE_MESSAGE_BATCH);
                return recipientsOf(gateways, gwA, conversation, next).equals(List.of(alice));
            });
            long recovered = seq.get();
            String history = support.keys.conversationHistory(conversation);
            assertThat(support.redis().zrangebyscore(history, io.lettuce.core.Range.create(recovered, recovered)))
                    .containsExactly(JsonCodec.toJson(message(conversation, recovered)));
            await().atMost(WAIT).untilAsserted(() -> assertThat(support.redis().zrangebyscore(history,
                    io.lettuce.core.Range.create(down, down)))
                    .as("the append skipped during the outage is written once Redis is back")
                    .containsExactly(JsonCodec.toJson(message(conversation, down))));

            // Redis cut mid-run: the very next batch is broadcast within the timeout, not dropped, not stuck.
            redisProxy.cut();
            long cut = seq.incrementAndGet();
            support.publish(conversation, batch(conversation, cut, 1, List.of(alice, bob)), Topology.TYPE_MESSAGE_BATCH);
            assertThat(recipientsOf(gateways, gwB, conversation, cut)).containsExactly(alice, bob);
            redisProxy.restore();
        }
    }

    /** Reads {@code gatewayId}'s deliveries up to the one carrying message {@code seq}; its recipients. */
    private static List<String> recipientsOf(GatewayProbe gateways, String gatewayId, String conversation, long seq)
            throws InterruptedException {
        while (true) {
            GatewayProbe.Received received = gateways.poll(gatewayId, WAIT);
            assertThat(received).as("delivery of seq %d to %s", seq, gatewayId).isNotNull();
            for (DeliveryItem item : received.delivery().items()) {
                ChatMessage message = JsonCodec.fromJson(item.payloadJson(), ChatMessage.class);
                if (message.conversationId().equals(conversation) && message.seq() == seq) {
                    return item.recipientIds();
                }
            }
        }
    }
}
