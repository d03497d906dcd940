package dev.realtime.chat.gateway;

import static dev.realtime.chat.gateway.support.GatewayTestSupport.conversation;
import static dev.realtime.chat.gateway.support.GatewayTestSupport.infra;
import static dev.realtime.chat.gateway.support.GatewayTestSupport.keys;
import static dev.realtime.chat.gateway.support.GatewayTestSupport.user;
import static dev.realtime.chat.testsupport.stomp.StompTestClient.bearer;
import static dev.realtime.chat.testsupport.stomp.StompTestClient.body;
import static dev.realtime.chat.testsupport.stomp.StompTestClient.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.gateway.auth.JwtTokenService;
import dev.realtime.chat.gateway.support.GatewayTestSupport.AmqpProbe;
import dev.realtime.chat.gateway.support.GatewayTestSupport.Received;
import dev.realtime.chat.gateway.support.GatewayTestSupport.TestUser;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.DeliveryItem;
import dev.realtime.chat.model.envelope.GatewayDelivery;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.testsupport.stomp.StompTestClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway end to end: real STOMP clients over real WebSockets, real RabbitMQ and Redis and Cassandra. No
 * delivery router runs here: the tests consume the shard queues themselves to see what the gateway published, and
 * publish GatewayDeliveries to the gateway's queue themselves.
 */
class GatewayEndToEndIntegrationTests extends GatewayIntegrationTestBase {

    @Test
    void acksTheSendingSessionOnlyOnceTheBatchIsOnTheShardQueue() {
        TestUser alice = user(tokens, "alice");
        TestUser bob = user(tokens, "bob");
        String conversation = conversation(alice.userId(), bob.userId());
        StompTestClient phone = connect(alice);
        StompTestClient laptop = connect(alice);

        phone.send("/app/chat.send", send(conversation, "first", "hello bob"));
        JsonNode ack = phone.awaitMessage("acks", field("clientMessageId", "first"), WAIT);

        // The ack means the broker has it on the shard queue (the probe consumes it from there).
        await().atMost(WAIT).until(() -> !publishedCopies("first").isEmpty());
        assertThat(publishedCopies("first")).singleElement().satisfies(envelope -> {
            assertThat(envelope.at("/message/messageId").asText()).isEqualTo(ack.get("messageId").asText());
            assertThat(envelope.at("/message/senderId").asText()).isEqualTo(alice.userId());
            assertThat(envelope.at("/message/content").asText()).isEqualTo("hello bob");
            assertThat(envelope.get("memberIds")).extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder(alice.userId(), bob.userId());
        });
        Received batch = shards.received().stream().filter(r -> r.body().toString().contains("\"first\""))
                .findFirst().orElseThrow();
        assertThat(batch.routingKey()).isEqualTo(Topology.messageRoutingKey(Topology.shardOf(conversation, 4)));
        assertThat(batch.persistent()).isTrue();
        assertThat(batch.body().get("gatewayId").asText()).isEqualTo("gw-it");
        assertThat(ack.get("seq").asLong()).isEqualTo(1);
        assertThat(ack.get("conversationId").asText()).isEqualTo(conversation);
        assertThat(Instant.parse(ack.get("sentAt").asText())).isBefore(Instant.now().plusSeconds(1));

        // The other session of the same user gets no ack of it (its own send proves it is subscribed).
        laptop.send("/app/chat.send", send(conversation, "second", "from the laptop"));
        JsonNode second = laptop.awaitMessage("acks", field("clientMessageId", "second"), WAIT);
        assertThat(second.get("seq").asLong()).isEqualTo(2);
        assertThat(laptop.received("acks")).extracting(a -> a.get("clientMessageId").asText()).containsExactly("second");
        assertThat(phone.received("acks")).extracting(a -> a.get("clientMessageId").asText()).containsExactly("first");
    }

    @Test
    void aResendOfTheSameClientMessageIdIsTheSameMessagePublishedOnce() {
        TestUser alice = user(tokens, "alice");
        String conversation = conversation(alice.userId(), user(tokens, "bob").userId());
        StompTestClient client = connect(alice);

        client.send("/app/chat.send", send(conversation, "once", "hi"));
        JsonNode first = client.awaitMessage("acks", field("clientMessageId", "once"), WAIT);
        client.send("/app/chat.send", send(conversation, "once", "hi"));
        await().atMost(WAIT).until(() -> client.received("acks").size() == 2);
        JsonNode again = client.received("acks").get(1);

        assertThat(again.get("messageId")).isEqualTo(first.get("messageId"));
        assertThat(again.get("seq")).isEqualTo(first.get("seq"));
        client.send("/app/chat.send", send(conversation, "next", "after"));
        assertThat(client.awaitMessage("acks", field("clientMessageId", "next"), WAIT).get("seq").asLong())
                .isEqualTo(2);
        await().atMost(WAIT).until(() -> !publishedCopies("next").isEmpty());
        assertThat(publishedCopies("once")).hasSize(1);
    }

    @Test
    void messagesOfOneSessionKeepTheirOrderInSeqAndOnTheShardQueue() {
        TestUser alice = user(tokens, "alice");
        String conversation = conversation(alice.userId(), user(tokens, "bob").userId());
        StompTestClient client = connect(alice);
        int count = 60;
        for (int i = 0; i < count; i++) {
            client.send("/app/chat.send", send(conversation, "order-" + i, "message " + i));
        }
        client.awaitMessage("acks", field("clientMessageId", "order-" + (count - 1)), WAIT);
        await().atMost(WAIT).until(() -> client.received("acks").size() == count);
        await().atMost(WAIT).until(() -> !publishedCopies("order-" + (count - 1)).isEmpty());
        for (JsonNode ack : client.received("acks")) {
            String cmid = ack.get("clientMessageId").asText();
            assertThat(ack.get("seq").asLong()).isEqualTo(Long.parseLong(cmid.substring("order-".length())) + 1);
        }
        List<Long> seqsOnQueue = new ArrayList<>();
        for (Received received : shards.received()) {
            for (JsonNode envelope : received.body().path("messages")) {
                if (conversation.equals(envelope.at("/message/conversationId").asText())) {
                    seqsOnQueue.add(envelope.at("/message/seq").asLong());
                }
            }
        }
        assertThat(seqsOnQueue).isSortedAccordingTo(Long::compare).hasSize(count);
        assertThat(meters.summary("chat.publish.batch.size").count()).isPositive();
    }

    @Test
    void aLostSeqCounterIsRecoveredFromCassandraSoSeqsNeverRepeat() {
        TestUser alice = user(tokens, "alice");
        String conversation = conversation(alice.userId(), user(tokens, "bob").userId());
        // History in Cassandra, no counter in Redis (as after a Redis restart); the activity row lags the messages.
        var cql = infra().cqlSession();
        String ks = infra().cassandraKeyspace();
        cql.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance("INSERT INTO " + ks
                + ".conversation_activity (conversation_id, last_seq) VALUES (?, ?)", conversation, 9_998L));
        for (long seq : new long[] { 9_998, 9_999, 10_000, 10_001 }) {
            cql.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance("INSERT INTO " + ks
                    + ".messages (conversation_id, bucket, seq, message_id, sender_id, content) VALUES (?, ?, ?, ?, ?, ?)",
                    conversation, seq / 10_000, seq, "old-" + seq, alice.userId(), "old"));
        }
        StompTestClient client = connect(alice);
        client.send("/app/chat.send", send(conversation, "after-restart-1", "one"));
        client.send("/app/chat.send", send(conversation, "after-restart-2", "two"));
        assertThat(client.awaitMessage("acks", field("clientMessageId", "after-restart-1"), WAIT).get("seq").asLong())
                .isEqualTo(10_002);
        assertThat(client.awaitMessage("acks", field("clientMessageId", "after-restart-2"), WAIT).get("seq").asLong())
                .isEqualTo(10_003);
    }

    @Test
    void badInputGetsItsErrorCodeAndClientMessageIdAndTheSessionStaysUsable() {
        TestUser alice = user(tokens, "alice");
        String conversation = conversation(alice.userId(), user(tokens, "bob").userId());
        String strangers = conversation(user(tokens, "carol").userId(), user(tokens, "dave").userId());
        StompTestClient client = connect(alice);

        client.send("/app/chat.send", "{\"conversationId\": oops");
        client.send("/app/chat.send", body("clientMessageId", "no-conv", "content", "x"));
        client.send("/app/chat.send", body("conversationId", conversation, "clientMessageId", "no-content"));
        client.send("/app/chat.send", send(conversation, "empty", ""));
        client.send("/app/chat.send", send(conversation, "too-long", "x".repeat(4001)));
        client.send("/app/chat.send", send("no-such-conversation", "unknown", "x"));
        client.send("/app/chat.send", send(strangers, "intruder", "let me in"));
        client.send("/app/chat.send", send(conversation, "fine", "still here"));

        assertThat(client.awaitMessage("acks", field("clientMessageId", "fine"), WAIT).get("seq").asLong())
                .isEqualTo(1);
        await().atMost(WAIT).until(() -> client.received("errors").size() == 7);
        assertThat(client.received("errors")).extracting(e -> e.get("code").asText() + " " + e.get("clientMessageId"))
                .containsExactlyInAnyOrder("invalid_request null", "invalid_request \"no-conv\"",
                        "invalid_request \"no-content\"", "invalid_request \"empty\"", "invalid_request \"too-long\"",
                        "not_found \"unknown\"", "forbidden \"intruder\"");
        assertThat(client.received("errors")).allSatisfy(e -> assertThat(e.get("message").asText()).isNotBlank()
                .doesNotContain("Exception"));
        for (String rejected : List.of("no-conv", "no-content", "empty", "too-long", "unknown", "intruder")) {
            assertThat(publishedCopies(rejected)).isEmpty();
        }
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void aBadMissingOrExpiredTokenGetsAnErrorFrameAndTheConnectionCloses() {
        StompTestClient.ConnectAttempt forged = StompTestClient.attempt(url(),
                bearer("eyJhbGciOiJIUzI1NiJ9.e30.not-a-signature"), WAIT);
        assertThat(forged.connected()).isFalse();
        assertThat(forged.errorMessage()).startsWith("unauthorized");
        assertThat(forged.closedByServer()).isTrue();

        StompTestClient.ConnectAttempt missing = StompTestClient.attempt(url(), Map.of(), WAIT);
        assertThat(missing.connected()).isFalse();
        assertThat(missing.errorMessage()).isEqualTo("unauthorized: missing token");
        assertThat(missing.closedByServer()).isTrue();
    }

    @Test
    void theTokenAsPasscodeAuthenticatesTheSameUser() {
        TestUser carol = user(tokens, "carol");
        String conversation = conversation(carol.userId(), user(tokens, "dave").userId());
        StompTestClient client = StompTestClient.connect(url(), StompTestClient.passcode(carol.token()));
        clients.add(client);
        client.send("/app/chat.send", send(conversation, "by-passcode", "hi"));
        client.awaitMessage("acks", field("clientMessageId", "by-passcode"), WAIT);
        await().atMost(WAIT).until(() -> !publishedCopies("by-passcode").isEmpty());
        assertThat(publishedCopies("by-passcode")).singleElement()
                .satisfies(e -> assertThat(e.at("/message/senderId").asText()).isEqualTo(carol.userId()));
    }

    @Test
    void subscribingAnythingButTheOwnUserQueuesIsRefused() {
        TestUser alice = user(tokens, "alice");
        TestUser bob = user(tokens, "bob");
        StompTestClient spy = connect(alice);
        spy.subscribe("/user/" + bob.userId() + "/queue/messages");
        assertThat(spy.awaitClosed(WAIT)).isTrue();
        assertThat(spy.errorFrame()).hasValueSatisfying(error -> assertThat(error).startsWith("forbidden"));

        StompTestClient broker = connect(alice);
        broker.subscribe("/queue/messages-user1");
        assertThat(broker.awaitClosed(WAIT)).isTrue();
    }

    @Test
    void deliversAGatewayDeliveryAsIsToTheRecipientsLocalSessions() {
        TestUser bob = user(tokens, "bob");
        TestUser eve = user(tokens, "eve");
        StompTestClient bobPhone = connect(bob);
        StompTestClient bobLaptop = connect(bob);
        StompTestClient eveClient = connect(eve);
        ChatMessage message = new ChatMessage("m-1", "c-1", 3, "alice", "hello \u00e9\u00e8 \"quoted\"",
                Instant.now().minusMillis(5), "cm-1");
        String json = JsonCodec.toJson(message);
        double deliveredBefore = meters.counter("chat.messages.delivered").count();

        shards.publish(Topology.GATEWAYS_EXCHANGE, "gw-it", Topology.TYPE_GATEWAY_DELIVERY, new GatewayDelivery(List.of(
                new DeliveryItem(DeliveryItem.MESSAGES, List.of(bob.userId(), "user-elsewhere"), json),
                new DeliveryItem(DeliveryItem.EVENTS, List.of(eve.userId()),
                        "{\"type\":\"typing\",\"conversationId\":\"c-1\",\"userId\":\"alice\"}"))));

        JsonNode atPhone = bobPhone.awaitMessage("messages", field("messageId", "m-1"), WAIT);
        JsonNode atLaptop = bobLaptop.awaitMessage("messages", field("messageId", "m-1"), WAIT);
        assertThat(atPhone.toString()).isEqualTo(json);
        assertThat(atLaptop.toString()).isEqualTo(json);
        assertThat(eveClient.awaitMessage("events", field("type", "typing"), WAIT).get("userId").asText())
                .isEqualTo("alice");
        assertThat(eveClient.received("messages")).isEmpty();
        assertThat(meters.counter("chat.messages.delivered").count() - deliveredBefore).isEqualTo(1);
        assertThat(meters.timer("chat.delivery.latency").count()).isPositive();
    }

    @Test
    void typingAndReceiptsArePublishedAsEventBatchesForMembersOnly() {
        TestUser alice = user(tokens, "alice");
        TestUser bob = user(tokens, "bob");
        String conversation = conversation(alice.userId(), bob.userId());
        StompTestClient client = connect(alice);

        client.send("/app/chat.typing", body("conversationId", conversation));
        client.send("/app/chat.receipt", body("conversationId", conversation, "kind", "read", "seq", 5));
        client.send("/app/chat.receipt", body("conversationId", conversation, "kind", "read", "seq", 3));
        client.send("/app/chat.receipt", body("conversationId", conversation, "kind", "seen", "seq", 3));
        client.send("/app/chat.typing", body("conversationId", conversation(bob.userId())));

        Received typing = shards.await(r -> Topology.TYPE_EVENT_BATCH.equals(r.type())
                && r.body().toString().contains(conversation) && r.body().toString().contains("typing"), WAIT);
        assertThat(typing.routingKey()).isEqualTo(Topology.eventRoutingKey(Topology.shardOf(conversation, 4)));
        JsonNode event = typing.body().get("events").get(0);
        assertThat(event.get("excludeUserId").asText()).isEqualTo(alice.userId());
        assertThat(event.get("recipientIds")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(alice.userId(), bob.userId());
        assertThat(event.get("payloadJson").asText()).isEqualTo("{\"type\":\"typing\",\"conversationId\":\""
                + conversation + "\",\"userId\":\"" + alice.userId() + "\"}");

        await().atMost(WAIT).until(() -> client.received("errors").size() == 2);
        assertThat(client.received("errors")).extracting(e -> e.get("code").asText())
                .containsExactlyInAnyOrder("invalid_request", "forbidden");
        RedisCommands<String, String> redis = infra().redisClient().connect().sync();
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                redis.hget(keys().conversationReadMarks(conversation), alice.userId())).isEqualTo("5"));
        shards.await(r -> r.body().toString().contains("\\\"kind\\\":\\\"read\\\",\\\"seq\\\":3"), WAIT);
        assertThat(redis.hget(keys().conversationReadMarks(conversation), alice.userId())).isEqualTo("5");
    }

    @Test
    void presenceAndTheSessionRegistryFollowTheUsersSessions() {
        TestUser frank = user(tokens, "frank");
        RedisCommands<String, String> redis = infra().redisClient().connect().sync();
        StompTestClient first = connect(frank);
        StompTestClient second = connect(frank);

        presence.await(r -> r.body().path("userId").asText().equals(frank.userId())
                && r.body().path("kind").asText().equals("CONNECTED"), WAIT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(redis.zscore(keys().userGateways(frank.userId()), "gw-it"))
                .isGreaterThan((double) System.currentTimeMillis()));
        assertThat(redis.get(keys().gatewayAlive("gw-it"))).isNotNull();
        assertThat(redis.sismember(keys().gateways(), "gw-it")).isTrue();

        first.send("/app/presence.status", body("status", "away"));
        first.send("/app/presence.status", body("status", "offline"));
        presence.await(r -> r.body().path("userId").asText().equals(frank.userId())
                && r.body().path("status").asText().equals("away"), WAIT);
        first.awaitMessage("errors", field("code", "invalid_request"), WAIT);

        first.close();
        assertThat(presence.received()).noneMatch(r -> r.body().path("userId").asText().equals(frank.userId())
                && r.body().path("kind").asText().equals("DISCONNECTED"));
        second.close();
        presence.await(r -> r.body().path("userId").asText().equals(frank.userId())
                && r.body().path("kind").asText().equals("DISCONNECTED"), WAIT);
        await().atMost(WAIT).until(() -> redis.zscore(keys().userGateways(frank.userId()), "gw-it") == null);
        assertThat(presence.received().stream().filter(r -> r.body().path("userId").asText().equals(frank.userId())
                && r.body().path("kind").asText().equals("CONNECTED"))).hasSize(1);
    }

    @Test
    void permessageDeflateIsNotNegotiatedAndTheStompSubprotocolIs() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: v12.stomp\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            while (!response.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                assertThat(b).isNotNegative();
                response.append((char) b);
            }
            assertThat(response.toString()).startsWith("HTTP/1.1 101").containsIgnoringCase("Sec-WebSocket-Protocol: v12.stomp")
                    .doesNotContainIgnoringCase("Sec-WebSocket-Extensions");
        }
    }

    @Test
    void aSlowClientIsClosedWithoutAffectingAnotherSession() throws Exception {
        TestUser slow = user(tokens, "slow");
        TestUser fast = user(tokens, "fast");
        StompTestClient fastClient = connect(fast);
        double closedBefore = meters.counter("chat.sessions.closed", "reason", "slow").count();

        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: v12.stomp\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            StringBuilder handshake = new StringBuilder();
            while (!handshake.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                assertThat(b).isNotNegative();
                handshake.append((char) b);
            }
            assertThat(handshake.toString()).startsWith("HTTP/1.1 101");
            out.write(maskedTextFrame("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer "
                    + slow.token() + "\n\n\0"));
            out.flush();
            StringBuilder connected = new StringBuilder();
            for (int b = in.read(); b > 0; b = in.read()) {
                connected.append((char) b);
            }
            assertThat(connected.toString()).contains("CONNECTED");
            out.write(maskedTextFrame("SUBSCRIBE\nid:0\ndestination:/user/queue/messages\n\n\0"));
            out.flush(); // from now on the client reads nothing
            await().atMost(WAIT).until(() -> connections.all().stream().anyMatch(c -> c.user() != null
                    && c.user().userId().equals(slow.userId()) && c.isSubscribed("/user/queue/messages")));

            String payload = JsonCodec.toJson(new ChatMessage("big", "c", 1, "x", "y".repeat(3800), Instant.now(), "b"));
            List<DeliveryItem> items = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                items.add(new DeliveryItem(DeliveryItem.MESSAGES, List.of(slow.userId()), payload));
            }
            for (int i = 0; i < 60; i++) { // ~12 MB for a client that reads nothing
                shards.publish(Topology.GATEWAYS_EXCHANGE, "gw-it", Topology.TYPE_GATEWAY_DELIVERY,
                        new GatewayDelivery(items));
            }
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    meters.counter("chat.sessions.closed", "reason", "slow").count() > closedBefore);
        }
        await().atMost(WAIT).until(() -> connections.all().stream()
                .noneMatch(c -> c.user() != null && c.user().userId().equals(slow.userId())));

        String hello = JsonCodec.toJson(new ChatMessage("fast-1", "c", 1, "x", "still fast", Instant.now(), "f"));
        shards.publish(Topology.GATEWAYS_EXCHANGE, "gw-it", Topology.TYPE_GATEWAY_DELIVERY,
                new GatewayDelivery(List.of(new DeliveryItem(DeliveryItem.MESSAGES, List.of(fast.userId()), hello))));
        assertThat(fastClient.awaitMessage("messages", field("messageId", "fast-1"), WAIT).toString()).isEqualTo(hello);
        assertThat(fastClient.isConnected()).isTrue();
    }

    private static byte[] maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = { 1, 2, 3, 4 };
        int header = payload.length < 126 ? 2 : 4;
        byte[] frame = new byte[header + 4 + payload.length];
        frame[0] = (byte) 0x81;
        if (payload.length < 126) {
            frame[1] = (byte) (0x80 | payload.length);
        } else {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >> 8);
            frame[3] = (byte) payload.length;
        }
        System.arraycopy(mask, 0, frame, header, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[header + 4 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }
}
