package dev.realtime.chat.router.it;

import static dev.realtime.chat.router.it.RouterTestSupport.batch;
import static dev.realtime.chat.router.it.RouterTestSupport.message;
import static dev.realtime.chat.router.it.RouterTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.realtime.chat.model.envelope.GatewayDelivery;
import dev.realtime.chat.model.envelope.MessageEnvelope;
import dev.realtime.chat.support.amqp.SharedTopology;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Queue;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.DeliveryItem;
import dev.realtime.chat.model.envelope.EventBatch;
import dev.realtime.chat.model.envelope.EventEnvelope;
import dev.realtime.chat.model.envelope.MessageBatch;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.ChatMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The router against real RabbitMQ and Redis; the tests play the gateways on both sides. */
class DeliveryRouterIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(500);

    private static ConfigurableApplicationContext router;
    private static RouterTestSupport support;

    @BeforeAll
    static void startRouter() {
        router = RouterTestSupport.startRouter(Map.of("chat.router.recent-history-size", "20"));
        support = new RouterTestSupport();
    }

    @AfterAll
    static void stopRouter() throws Exception {
        support.close();
        router.close();
    }

    private static double counter(String name, String... tags) {
        var search = router.getBean(MeterRegistry.class).find(name).tags(tags);
        return search.counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static List<Long> seqs(GatewayProbe.Received received) {
        return received.delivery().items().stream()
                .map(item -> JsonCodec.fromJson(item.payloadJson(), ChatMessage.class).seq()).toList();
    }

    @Test
    void publishesOneDeliveryPerGatewayNamingOnlyThatGatewaysLiveRecipients() throws Exception {
        String gwA = unique("gw-a");
        String gwB = unique("gw-b");
        try (GatewayProbe gateways = GatewayProbe.start(support.infra.rabbitConnectionFactory(), gwA, gwB)) {
            String alice = unique("alice");
            String bob = unique("bob");
            String carol = unique("carol");
            String dave = unique("dave-offline");
            String erin = unique("erin-expired");
            String frank = unique("frank-two-devices");
            support.connect(alice, gwA);
            support.connect(bob, gwB);
            support.connect(carol, gwA);
            support.staleSession(erin, gwB);
            support.connect(frank, gwA);
            support.connect(frank, gwB);
            String conversation = unique("conv");
            MessageBatch batch = batch(conversation, 1, 3, List.of(alice, bob, carol, dave, erin, frank));

            support.publish(conversation, batch, Topology.TYPE_MESSAGE_BATCH);

            GatewayProbe.Received onA = gateways.poll(gwA, WAIT);
            GatewayProbe.Received onB = gateways.poll(gwB, WAIT);
            assertThat(onA).isNotNull();
            assertThat(onB).isNotNull();
            assertThat(onA.type()).isEqualTo(Topology.TYPE_GATEWAY_DELIVERY);
            assertThat(onA.persistent()).isFalse();
            assertThat(onA.delivery().items()).containsExactly(
                    new DeliveryItem(DeliveryItem.MESSAGES, List.of(alice, carol, frank),
                            JsonCodec.toJson(message(conversation, 1))),
                    new DeliveryItem(DeliveryItem.MESSAGES, List.of(alice, carol, frank),
                            JsonCodec.toJson(message(conversation, 2))),
                    new DeliveryItem(DeliveryItem.MESSAGES, List.of(alice, carol, frank),
                            JsonCodec.toJson(message(conversation, 3))));
            assertThat(onB.delivery().items()).extracting(DeliveryItem::recipientIds)
                    .containsOnly(List.of(bob, frank));
            assertThat(seqs(onB)).containsExactly(1L, 2L, 3L);
            assertThat(gateways.poll(gwA, QUIET)).as("one delivery per gateway per batch").isNull();
            assertThat(gateways.poll(gwB, QUIET)).isNull();
        }
    }

    @Test
    void keepsEachConversationsOrderAcrossManyBatches() throws Exception {
        String gwA = unique("gw-a");
        try (GatewayProbe gateways = GatewayProbe.start(support.infra.rabbitConnectionFactory(), gwA)) {
            String alice = unique("alice");
            support.connect(alice, gwA);
            String first = unique("conv");
            String second = unique("conv");
            while (Topology.shardOf(second, RouterTestSupport.SHARDS) == Topology.shardOf(first,
                    RouterTestSupport.SHARDS)) {
                second = unique("conv");
            }
            int batches = 150;
            int perBatch = 5;
            List<MessageBatch> firstBatches = new ArrayList<>();
            List<MessageBatch> secondBatches = new ArrayList<>();
            for (int i = 0; i < batches; i++) {
                firstBatches.add(batch(first, 1L + (long) i * perBatch, perBatch, List.of(alice)));
                secondBatches.add(batch(second, 1L + (long) i * perBatch, perBatch, List.of(alice)));
            }

            support.publishAll(first, firstBatches, Topology.TYPE_MESSAGE_BATCH);
            support.publishAll(second, secondBatches, Topology.TYPE_MESSAGE_BATCH);

            List<GatewayProbe.Received> received = gateways.takeItems(gwA, 2 * batches * perBatch, WAIT);
            List<Long> firstSeqs = new ArrayList<>();
            List<Long> secondSeqs = new ArrayList<>();
            for (GatewayProbe.Received delivery : received) {
                for (DeliveryItem item : delivery.delivery().items()) {
                    ChatMessage message = JsonCodec.fromJson(item.payloadJson(), ChatMessage.class);
                    (message.conversationId().equals(first) ? firstSeqs : secondSeqs).add(message.seq());
                }
            }
            List<Long> expected = LongStream.rangeClosed(1, (long) batches * perBatch).boxed().toList();
            assertThat(firstSeqs).containsExactlyElementsOf(expected);
            assertThat(secondSeqs).containsExactlyElementsOf(expected);
            assertThat(gateways.poll(gwA, QUIET)).isNull();
        }
    }

    @Test
    void appendsEveryMessageToRecentHistoryAndKeepsOnlyTheNewest() {
        String conversation = unique("conv");
        List<String> members = List.of(unique("offline-member"));
        List<MessageBatch> batches = List.of(batch(conversation, 1, 10, members), batch(conversation, 11, 10, members),
                batch(conversation, 21, 10, members));

        support.publishAll(conversation, batches, Topology.TYPE_MESSAGE_BATCH);

        String key = support.keys.conversationHistory(conversation);
        List<String> expected = LongStream.rangeClosed(11, 30).mapToObj(seq -> JsonCodec.toJson(message(conversation,
                seq))).toList();
        await().atMost(WAIT).untilAsserted(() -> assertThat(support.redis().zrange(key, 0, -1))
                .containsExactlyElementsOf(expected));
        assertThat(support.redis().zscore(key, expected.get(19))).isEqualTo(30.0);
    }

    @Test
    void routesEventsToEveryRecipientButTheExcludedOneWithoutHistory() throws Exception {
        String gwA = unique("gw-a");
        String gwB = unique("gw-b");
        try (GatewayProbe gateways = GatewayProbe.start(support.infra.rabbitConnectionFactory(), gwA, gwB)) {
            String alice = unique("alice");
            String bob = unique("bob");
            String carol = unique("carol");
            support.connect(alice, gwA);
            support.connect(bob, gwA);
            support.connect(carol, gwB);
            String conversation = unique("conv");
            String typing = "{\"type\":\"typing\",\"conversationId\":\"" + conversation + "\",\"userId\":\"" + alice
                    + "\"}";

            support.publishEvents(conversation, new EventBatch("gw-test", List.of(
                    new EventEnvelope(conversation, List.of(alice, bob, carol), alice, typing))));

            GatewayProbe.Received onA = gateways.poll(gwA, WAIT);
            GatewayProbe.Received onB = gateways.poll(gwB, WAIT);
            assertThat(onA.delivery().items()).containsExactly(new DeliveryItem(DeliveryItem.EVENTS, List.of(bob),
                    typing));
            assertThat(onB.delivery().items()).containsExactly(new DeliveryItem(DeliveryItem.EVENTS, List.of(carol),
                    typing));
            assertThat(support.redis().exists(support.keys.conversationHistory(conversation))).isZero();
        }
    }

    @Test
    void deadLettersPoisonBodiesAndKeepsRoutingTheShard() throws Exception {
        String gwA = unique("gw-a");
        try (GatewayProbe gateways = GatewayProbe.start(support.infra.rabbitConnectionFactory(), gwA)) {
            String alice = unique("alice");
            support.connect(alice, gwA);
            String conversation = unique("conv");
            String routingKey = Topology.messageRoutingKey(Topology.shardOf(conversation, RouterTestSupport.SHARDS));
            byte[] poison = ("{not a batch " + unique("poison")).getBytes(StandardCharsets.UTF_8);
            double poisonBefore = counter("chat.router.batches", "outcome", "poison");

            support.publishRaw(routingKey, poison, Topology.TYPE_MESSAGE_BATCH);
            support.publish(conversation, batch(conversation, 1, 1, List.of(alice)), Topology.TYPE_MESSAGE_BATCH);

            AtomicReference<GetResponse> deadLetter = new AtomicReference<>();
            await().atMost(WAIT).until(() -> {
                GetResponse response = support.channel().basicGet(Topology.DELIVERY_DEAD_LETTER_QUEUE, true);
                if (response != null && java.util.Arrays.equals(response.getBody(), poison)) {
                    deadLetter.set(response);
                }
                return deadLetter.get() != null;
            });
            assertThat(deadLetter.get().getProps().getType()).isEqualTo(Topology.TYPE_MESSAGE_BATCH);
            GatewayProbe.Received next = gateways.poll(gwA, WAIT);
            assertThat(next).isNotNull();
            assertThat(seqs(next)).containsExactly(1L);
            assertThat(counter("chat.router.batches", "outcome", "poison")).isGreaterThan(poisonBefore);
        }
    }

    @Test
    void holdsAndRetriesBatchesWhileTheBrokerRefusesTheirForwardsThenDeliversThemInOrder() throws Exception {
        String gwA = unique("gw-a");
        try (GatewayProbe gateways = GatewayProbe.start(support.infra.rabbitConnectionFactory(), gwA)) {
            String alice = unique("alice");
            support.connect(alice, gwA);
            String conversation = unique("conv");
            double retriesBefore = counter("chat.router.retries");
            String parking = unique("restore-ae");
            // Without the gateways exchange every forward fails (the broker closes the publishing channel).
            support.channel().exchangeDelete(Topology.GATEWAYS_EXCHANGE);
            try {
                List<MessageBatch> batches = new ArrayList<>();
                for (long seq = 1; seq <= 5; seq++) {
                    batches.add(batch(conversation, seq, 1, List.of(alice)));
                }
                support.publishAll(conversation, batches, Topology.TYPE_MESSAGE_BATCH);

                await().atMost(WAIT).until(() -> counter("chat.router.retries") > retriesBefore + 1);
                assertThat(gateways.poll(gwA, QUIET)).isNull();
            } finally {
                restoreGatewaysExchangeWithoutARoutingGap(gwA, parking);
            }

            try {
                List<Long> received = new ArrayList<>();
                while (new LinkedHashSet<>(received).size() < 5) {
                    GatewayProbe.Received delivery = gateways.poll(gwA, WAIT);
                    assertThat(delivery).as("the held batches arrive once the broker accepts them").isNotNull();
                    received.addAll(seqs(delivery));
                }
                assertThat(new ArrayList<>(new LinkedHashSet<>(received))).containsExactly(1L, 2L, 3L, 4L, 5L);
                assertThat(received).isSorted();
            } finally {
                Channel channel = support.channel();
                channel.exchangeDelete(Topology.GATEWAYS_EXCHANGE);
                channel.exchangeDeclare(Topology.GATEWAYS_EXCHANGE, "direct", true);
                channel.queueBind(Topology.gatewayQueue(gwA), Topology.GATEWAYS_EXCHANGE, gwA);
                channel.exchangeDelete(parking);
            }
        }
    }

    /**
     * Declaring the exchange and then binding the queue would leave a moment in which a retry is confirmed but
     * routed nowhere (forwards are not mandatory: a gateway that is gone loses its live deliveries by design), and
     * the test would then wait for a batch the broker dropped. Until the binding exists, unroutable forwards go to
     * an alternate exchange bound to the same gateway queue.
     */
    private void restoreGatewaysExchangeWithoutARoutingGap(String gatewayId, String parking) throws Exception {
        Channel channel = support.channel();
        channel.exchangeDeclare(parking, "fanout", false, false, null);
        channel.queueBind(Topology.gatewayQueue(gatewayId), parking, "");
        channel.exchangeDeclare(Topology.GATEWAYS_EXCHANGE, "direct", true, false,
                Map.of("alternate-exchange", parking));
        channel.queueBind(Topology.gatewayQueue(gatewayId), Topology.GATEWAYS_EXCHANGE, gatewayId);
    }

    /**
     * A sustained stream: group conversations (3 members spread over 4 gateways), batches of 50, all shards; every
     * message must reach every recipient's gateway. Logs messages per second; {@code -Drouter.bench.messages=N}
     * makes it a benchmark (the default keeps the suite short).
     */
    @Test
    void forwardsEveryMessageOfASustainedStreamToEveryRecipientsGateway() throws Exception {
        int messages = Integer.getInteger("router.bench.messages", 5_000);
        int perBatch = 50;
        int conversations = 64;
        List<String> gatewayIds = List.of(unique("gw-1"), unique("gw-2"), unique("gw-3"), unique("gw-4"));
        try (Connection connection = support.infra.rabbitConnectionFactory().newConnection("bench")) {
            // users u0..u11, user i on gateway i % 4; conversation c has members u(c%12), u(c+1 %12), u(c+2 %12)
            List<String> users = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                users.add(unique("u" + i));
                support.connect(users.get(i), gatewayIds.get(i % 4));
            }
            List<String> conversationIds = new ArrayList<>();
            for (int c = 0; c < conversations; c++) {
                conversationIds.add(unique("conv"));
            }
            // expected deliveries: every message reaches 3 members = 3 (recipient, message) pairs
            AtomicLong delivered = new AtomicLong();
            CountDownLatch done = new CountDownLatch(1);
            long expected = 3L * messages;
            Channel consumer = connection.createChannel();
            consumer.basicQos(200);
            for (String gatewayId : gatewayIds) {
                String queue = declareGateway(consumer, gatewayId);
                consumer.basicConsume(queue, true, (tag, delivery) -> {
                    GatewayDelivery gatewayDelivery = JsonCodec.fromBytes(delivery.getBody(), GatewayDelivery.class);
                    long pairs = gatewayDelivery.items().stream().mapToLong(item -> item.recipientIds().size()).sum();
                    if (delivered.addAndGet(pairs) >= expected) {
                        done.countDown();
                    }
                }, tag -> { });
            }
            // bodies prepared up front: the measurement is the router's, not JSON encoding in the test
            List<byte[]> bodies = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            long[] seqs = new long[conversations];
            for (int b = 0; b < messages / perBatch; b++) {
                int shard = b % RouterTestSupport.SHARDS;
                List<MessageEnvelope> envelopes = new ArrayList<>();
                while (envelopes.size() < perBatch) {
                    int c = (int) ((b * 7L + envelopes.size()) % conversations);
                    String conversationId = conversationIds.get(c);
                    if (Topology.shardOf(conversationId, RouterTestSupport.SHARDS) != shard) {
                        c = (c + 1) % conversations;
                        // find a conversation of this shard
                        for (int k = 0; k < conversations; k++) {
                            if (Topology.shardOf(conversationIds.get((c + k) % conversations),
                                    RouterTestSupport.SHARDS) == shard) {
                                c = (c + k) % conversations;
                                break;
                            }
                        }
                        conversationId = conversationIds.get(c);
                    }
                    long seq = ++seqs[c];
                    envelopes.add(new MessageEnvelope(new ChatMessage("m-" + c + "-" + seq, conversationId, seq,
                            users.get(c % 12), "a chat message of some ordinary length, " + seq, Instant.now(),
                            "cm-" + seq), List.of(users.get(c % 12), users.get((c + 1) % 12),
                                    users.get((c + 2) % 12))));
                }
                bodies.add(JsonCodec.toBytes(new MessageBatch("bench", envelopes)));
                keys.add(Topology.messageRoutingKey(shard));
            }
            Channel publisher = connection.createChannel();
            publisher.confirmSelect();
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().type(Topology.TYPE_MESSAGE_BATCH)
                    .contentType("application/json").deliveryMode(2).build();

            long start = System.nanoTime();
            for (int i = 0; i < bodies.size(); i++) {
                publisher.basicPublish(Topology.MESSAGES_EXCHANGE, keys.get(i), false, properties, bodies.get(i));
            }
            publisher.waitForConfirmsOrDie(60_000);
            boolean all = done.await(Math.max(60, messages / 1000), TimeUnit.SECONDS);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(all).as("delivered %d of %d (recipient, message) pairs", delivered.get(), expected).isTrue();
            double rate = messages / (elapsed.toNanos() / 1e9);
            LoggerFactory.getLogger(DeliveryRouterIntegrationTests.class).info("Router throughput: {} messages ({} batches of {}, 3 recipients on 4 gateways) in {} ms = {}"
                    + " msg/s", messages, bodies.size(), perBatch, elapsed.toMillis(), Math.round(rate));
            for (String gatewayId : gatewayIds) {
                consumer.queueDelete(Topology.gatewayQueue(gatewayId));
            }
        }
    }


    private static String declareGateway(Channel channel, String gatewayId) throws java.io.IOException {
        String name = null;
        for (Declarable declarable : SharedTopology.gatewayDeclarables(gatewayId)) {
            if (declarable instanceof Queue queue) {
                channel.queueDeclare(queue.getName(), queue.isDurable(), queue.isExclusive(), queue.isAutoDelete(),
                        queue.getArguments());
                name = queue.getName();
            } else if (declarable instanceof Binding binding) {
                channel.queueBind(binding.getDestination(), binding.getExchange(), binding.getRoutingKey(),
                        binding.getArguments());
            }
        }
        return name;
    }
}
