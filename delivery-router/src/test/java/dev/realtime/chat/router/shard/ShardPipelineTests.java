package dev.realtime.chat.router.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.DeliveryItem;
import dev.realtime.chat.model.envelope.EventBatch;
import dev.realtime.chat.model.envelope.EventEnvelope;
import dev.realtime.chat.model.envelope.GatewayDelivery;
import dev.realtime.chat.model.envelope.MessageBatch;
import dev.realtime.chat.model.envelope.MessageEnvelope;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.router.batch.BatchDecoder;
import dev.realtime.chat.router.batch.HistoryEntry;
import dev.realtime.chat.router.forward.GatewayPublisher;
import dev.realtime.chat.router.forward.PublishFailedException;
import dev.realtime.chat.router.routing.BatchRouter;
import dev.realtime.chat.router.routing.Forward;
import dev.realtime.chat.router.routing.SessionStore;
import dev.realtime.chat.router.system.RouterMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShardPipelineTests {

    private static final Map<String, List<String>> SESSIONS = Map.of(
            "alice", List.of("gw-a"), "bob", List.of("gw-b"), "carol", List.of("gw-a"));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RouterMetrics metrics = new RouterMetrics(registry);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final FakeStore store = new FakeStore();
    private final FakePublisher publisher = new FakePublisher();
    private CircuitBreaker breaker = CircuitBreaker.of("test", CircuitBreakerConfig.custom()
            .minimumNumberOfCalls(1000).build());
    private Duration redisTimeout = Duration.ofSeconds(5);
    private ShardPipeline pipeline;

    @AfterEach
    void close() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private ShardPipeline pipeline() {
        BatchRouter router = new BatchRouter(store, breaker, redisTimeout, Clock.fixed(Instant.ofEpochMilli(1_000),
                ZoneOffset.UTC), metrics, 1000);
        pipeline = new ShardPipeline(0, new BatchDecoder(), router, publisher, executor, metrics, 32,
                Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(50));
        return pipeline;
    }

    private static ChatMessage message(long seq) {
        return new ChatMessage("m" + seq, "conv-1", seq, "alice", "text " + seq, Instant.EPOCH, "c" + seq);
    }

    private static byte[] batch(long seq, String... members) {
        return JsonCodec.toBytes(new MessageBatch("gw-x", List.of(new MessageEnvelope(message(seq),
                List.of(members)))));
    }

    private FakeAck submit(byte[] body) {
        FakeAck ack = new FakeAck();
        pipeline.submit(body, Topology.TYPE_MESSAGE_BATCH, ack);
        return ack;
    }

    /** Lets the shard thread run everything already triggered (three round trips through its FIFO queue). */
    private void quiesce() throws Exception {
        for (int i = 0; i < 3; i++) {
            pipeline.backlog().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void forwardsBatchesInArrivalOrderWhenTheirLookupsCompleteOutOfOrder() throws Exception {
        store.manual = true;
        pipeline();
        FakeAck first = submit(batch(1, "alice"));
        FakeAck second = submit(batch(2, "alice"));
        await().until(() -> store.calls.size() == 2);

        store.calls.get(1).complete(SESSIONS);
        quiesce();
        assertThat(publisher.published).as("the second batch waits for the first").isEmpty();

        store.calls.get(0).complete(SESSIONS);
        await().until(() -> second.acked && first.acked);
        assertThat(publisher.payloads()).containsExactly(JsonCodec.toJson(message(1)), JsonCodec.toJson(message(2)));
    }

    @Test
    void acksABatchOnlyAfterEveryGatewayPublishIsConfirmed() throws Exception {
        publisher.manual = true;
        pipeline();
        FakeAck ack = submit(batch(1, "alice", "bob"));
        await().until(() -> publisher.pending.size() == 2);
        assertThat(publisher.published).extracting(Forward::routingKey).containsExactly("gw-a", "gw-b");

        publisher.pending.get(0).complete(null);
        quiesce();
        assertThat(ack.acked).isFalse();

        publisher.pending.get(1).complete(null);
        await().until(() -> ack.acked);
        assertThat(registry.get("chat.router.forwarded").tag("mode", "direct").counter().count()).isEqualTo(2);
        assertThat(registry.get("chat.router.batches").tag("outcome", "forwarded").counter().count()).isEqualTo(1);
        assertThat(registry.get("chat.router.latency").timer().count()).isEqualTo(1);
    }

    @Test
    void batchesRoutedWhileAGroupAwaitsItsConfirmsGoOutTogetherNext() throws Exception {
        publisher.manual = true;
        pipeline();
        FakeAck first = submit(batch(1, "alice"));
        await().until(() -> publisher.pending.size() == 1);
        FakeAck second = submit(batch(2, "alice"));
        FakeAck third = submit(batch(3, "alice"));
        quiesce();
        assertThat(publisher.pending).hasSize(1);

        publisher.pending.get(0).complete(null);
        await().until(() -> publisher.pending.size() == 2);
        assertThat(first.acked).isTrue();
        assertThat(second.acked || third.acked).isFalse();
        assertThat(publisher.published.get(1).delivery().items()).as("both batches in one delivery to gw-a")
                .extracting(DeliveryItem::payloadJson)
                .containsExactly(JsonCodec.toJson(message(2)), JsonCodec.toJson(message(3)));

        publisher.pending.get(1).complete(null);
        await().until(() -> second.acked && third.acked);
        assertThat(registry.get("chat.router.publishes").counter().count()).isEqualTo(2);
        assertThat(publisher.payloads()).containsExactly(JsonCodec.toJson(message(1)), JsonCodec.toJson(message(2)),
                JsonCodec.toJson(message(3)));
    }

    @Test
    void aFailedForwardIsPublishedAgainBeforeAnyLaterBatch() throws Exception {
        publisher.failNext.set(1);
        pipeline();
        FakeAck first = submit(batch(1, "alice"));
        FakeAck second = submit(batch(2, "alice"));

        await().until(() -> first.acked && second.acked);
        List<String> payloads = publisher.payloads();
        String one = JsonCodec.toJson(message(1));
        String two = JsonCodec.toJson(message(2));
        // the failed group (the first batch, maybe with the second) goes out again, whole and in order
        assertThat(payloads.get(0)).isEqualTo(one);
        assertThat(payloads.stream().filter(one::equals).count()).isEqualTo(2);
        assertThat(payloads.lastIndexOf(one)).isLessThan(payloads.lastIndexOf(two));
        assertThat(payloads.subList(payloads.lastIndexOf(one), payloads.size())).containsExactly(one, two);
        assertThat(registry.get("chat.router.retries").counter().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void broadcastsToEveryGatewayWithEveryRecipientWhenRedisFails() throws Exception {
        store.failure = new IllegalStateException("connection refused");
        pipeline();
        FakeAck ack = submit(batch(1, "alice", "bob"));

        await().until(() -> ack.acked);
        assertThat(publisher.published).containsExactly(new Forward(Topology.GATEWAYS_BROADCAST_EXCHANGE, "",
                new GatewayDelivery(List.of(new DeliveryItem(DeliveryItem.MESSAGES,
                        List.of("alice", "bob"), JsonCodec.toJson(message(1)))))));
        assertThat(registry.get("chat.router.broadcast").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum()).isEqualTo(1);
        assertThat(registry.get("chat.router.history.skipped").counter().count()).isEqualTo(1);
        assertThat(registry.get("chat.router.batches").tag("outcome", "broadcast").counter().count()).isEqualTo(1);
    }

    @Test
    void writesTheHistorySkippedDuringAnOutageOnceRedisAnswersAgain() {
        store.failure = new IllegalStateException("connection refused");
        pipeline();
        FakeAck duringOutage = submit(batch(1, "alice"));
        await().until(() -> duringOutage.acked);

        store.failure = null;
        FakeAck afterOutage = submit(batch(2, "alice"));

        await().until(() -> afterOutage.acked);
        assertThat(store.histories.get(store.histories.size() - 1)).extracting(HistoryEntry::seq)
                .containsExactly(1L, 2L);
        assertThat(registry.get("chat.router.history.backfilled").counter().count()).isEqualTo(1);
        assertThat(publisher.published).extracting(Forward::exchange)
                .containsExactly(Topology.GATEWAYS_BROADCAST_EXCHANGE, Topology.GATEWAYS_EXCHANGE);
    }

    @Test
    void broadcastsWhenRedisDoesNotAnswerInTime() {
        store.manual = true; // never completed
        redisTimeout = Duration.ofMillis(50);
        pipeline();
        FakeAck ack = submit(batch(1, "alice"));

        await().atMost(Duration.ofSeconds(5)).until(() -> ack.acked);
        assertThat(publisher.published).extracting(Forward::exchange)
                .containsExactly(Topology.GATEWAYS_BROADCAST_EXCHANGE);
    }

    @Test
    void stopsAskingRedisOnceTheCircuitOpens() {
        store.failure = new IllegalStateException("down");
        breaker = CircuitBreaker.of("test", CircuitBreakerConfig.custom().slidingWindowSize(4)
                .minimumNumberOfCalls(4).failureRateThreshold(50).waitDurationInOpenState(Duration.ofMinutes(1))
                .build());
        pipeline();
        for (int seq = 1; seq <= 10; seq++) {
            FakeAck ack = submit(batch(seq, "alice"));
            await().until(() -> ack.acked);
        }

        assertThat(store.calls).hasSize(4);
        assertThat(publisher.published).hasSize(10)
                .extracting(Forward::exchange).containsOnly(Topology.GATEWAYS_BROADCAST_EXCHANGE);
        assertThat(registry.get("chat.router.broadcast").tag("reason", "circuit-open").counter().count())
                .isEqualTo(6);
    }

    @Test
    void appendsTheHistoryOfEveryMessageAndLooksUpEveryDistinctRecipientInOneCall() throws Exception {
        pipeline();
        MessageBatch batch = new MessageBatch("gw-x", List.of(
                new MessageEnvelope(message(1), List.of("alice", "bob")),
                new MessageEnvelope(message(2), List.of("bob", "carol"))));
        FakeAck ack = new FakeAck();
        pipeline.submit(JsonCodec.toBytes(batch), Topology.TYPE_MESSAGE_BATCH, ack);

        await().until(() -> ack.acked);
        assertThat(store.calls).hasSize(1);
        assertThat(store.histories.get(0)).containsExactly(
                new HistoryEntry("conv-1", 1, JsonCodec.toJson(message(1))),
                new HistoryEntry("conv-1", 2, JsonCodec.toJson(message(2))));
        assertThat(store.users.get(0)).containsExactlyInAnyOrder("alice", "bob", "carol");
        assertThat(publisher.published).extracting(Forward::routingKey).containsExactly("gw-a", "gw-b");
    }

    @Test
    void routesEventsToEveryRecipientButTheExcludedOne() {
        pipeline();
        EventBatch events = new EventBatch("gw-x", List.of(new EventEnvelope("conv-1",
                List.of("alice", "bob", "carol"), "bob", "{\"type\":\"typing\"}")));
        FakeAck ack = new FakeAck();
        pipeline.submit(JsonCodec.toBytes(events), Topology.TYPE_EVENT_BATCH, ack);

        await().until(() -> ack.acked);
        assertThat(publisher.published).hasSize(1);
        assertThat(publisher.published.get(0).routingKey()).isEqualTo("gw-a");
        assertThat(publisher.published.get(0).delivery().items()).containsExactly(
                new DeliveryItem(DeliveryItem.EVENTS, List.of("alice", "carol"), "{\"type\":\"typing\"}"));
        assertThat(store.histories.get(0)).isEmpty();
    }

    @Test
    void rejectsPoisonBodiesWithoutRequeueAndKeepsForwardingTheRest() {
        pipeline();
        FakeAck poison = submit("{not json".getBytes(StandardCharsets.UTF_8));
        FakeAck good = submit(batch(2, "alice"));

        await().until(() -> good.acked);
        assertThat(poison.rejected).isTrue();
        assertThat(poison.acked).isFalse();
        assertThat(registry.get("chat.router.batches").tag("outcome", "poison").counter().count()).isEqualTo(1);
    }

    @Test
    void doesNotForwardABatchWhoseConsumerChannelClosed() throws Exception {
        pipeline();
        FakeAck gone = new FakeAck();
        gone.valid = false;
        pipeline.submit(batch(1, "alice"), Topology.TYPE_MESSAGE_BATCH, gone);
        FakeAck next = submit(batch(2, "alice"));

        await().until(() -> next.acked);
        assertThat(publisher.payloads()).containsExactly(JsonCodec.toJson(message(2)));
        assertThat(gone.acked).isFalse();
    }

    @Test
    void acksABatchNobodyIsConnectedForWithoutPublishing() {
        pipeline();
        FakeAck ack = submit(batch(1, "offline-user"));

        await().until(() -> ack.acked);
        assertThat(publisher.published).isEmpty();
        assertThat(store.histories.get(0)).hasSize(1);
        assertThat(registry.get("chat.router.batches").tag("outcome", "empty").counter().count()).isEqualTo(1);
    }

    static final class FakeAck implements Acknowledgement {
        volatile boolean acked;
        volatile boolean rejected;
        volatile boolean valid = true;

        @Override
        public void ack() {
            acked = true;
        }

        @Override
        public void reject() {
            rejected = true;
        }

        @Override
        public boolean isValid() {
            return valid;
        }
    }

    static final class FakeStore implements SessionStore {
        volatile boolean manual;
        volatile RuntimeException failure;
        final List<CompletableFuture<Map<String, List<String>>>> calls = new CopyOnWriteArrayList<>();
        final List<List<HistoryEntry>> histories = new CopyOnWriteArrayList<>();
        final List<List<String>> users = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Map<String, List<String>>> appendAndLookup(List<HistoryEntry> history,
                Collection<String> recipients, long nowMillis) {
            CompletableFuture<Map<String, List<String>>> result = new CompletableFuture<>();
            histories.add(List.copyOf(history));
            users.add(List.copyOf(recipients));
            calls.add(result);
            if (failure != null) {
                result.completeExceptionally(failure);
            } else if (!manual) {
                result.complete(SESSIONS);
            }
            return result;
        }
    }

    static final class FakePublisher implements GatewayPublisher {
        volatile boolean manual;
        final AtomicInteger failNext = new AtomicInteger();
        final List<Forward> published = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<Void>> pending = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Void> publish(List<Forward> forwards) {
            List<CompletableFuture<Void>> confirms = new ArrayList<>();
            for (Forward forward : forwards) {
                published.add(forward);
                CompletableFuture<Void> confirm = new CompletableFuture<>();
                pending.add(confirm);
                confirms.add(confirm);
                if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    confirm.completeExceptionally(new PublishFailedException("nack", null));
                } else if (!manual) {
                    confirm.complete(null);
                }
            }
            return CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new));
        }

        List<String> payloads() {
            List<String> payloads = new ArrayList<>();
            for (Forward forward : published) {
                forward.delivery().items().forEach(item -> payloads.add(item.payloadJson()));
            }
            return payloads;
        }

        @Override
        public void abandonChannel() {
        }

        @Override
        public void close() {
        }
    }
}
