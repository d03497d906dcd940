package dev.realtime.chat.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import dev.realtime.chat.gateway.auth.InvalidTokenException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;

/** The STOMP server's frame handling, on a recorded session (the real sockets: the integration tests). */
class StompEndpointTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final GatewayProperties properties = new GatewayProperties(Duration.ofSeconds(10), 4096, 1 << 16,
            Duration.ofSeconds(10), 500, 262144, 20000, Duration.ofSeconds(5), Duration.ofHours(24),
            Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30), 0, Duration.ofSeconds(5), "", 2,
            false, 1024, 2048);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final StompConnections connections = new StompConnections(properties, meters);
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AppDestination echo = new AppDestination() {
        @Override
        public String name() {
            return "chat.send";
        }

        @Override
        public void handle(AuthenticatedUser user, String sessionId, byte[] body) {
            handled.add(user.userId() + ":" + new String(body, StandardCharsets.UTF_8));
        }
    };
    private final StompSessionListener listener = new StompSessionListener() {
        @Override
        public void connected(AuthenticatedUser user, String sessionId) {
            events.add("connected " + user.userId() + " " + sessionId);
        }

        @Override
        public void closed(AuthenticatedUser user, String sessionId) {
            events.add("closed " + (user == null ? null : user.userId()) + " " + sessionId);
        }
    };
    private final StompEndpoint endpoint = new StompEndpoint(connections, token -> {
        if (!token.startsWith("good-")) {
            throw new InvalidTokenException("invalid token");
        }
        return new AuthenticatedUser(token.substring(5), token.substring(5), Instant.MAX);
    }, List.of(echo), List.of(listener), properties);

    private final java.util.concurrent.CountDownLatch stuckWrites = new java.util.concurrent.CountDownLatch(1);

    @AfterEach
    void stop() {
        stuckWrites.countDown();
        connections.destroy();
    }

    private FakeWebSocketSession open(String id) {
        FakeWebSocketSession session = new FakeWebSocketSession(id);
        endpoint.afterConnectionEstablished(session);
        return session;
    }

    private void frame(FakeWebSocketSession session, String text) {
        endpoint.handleMessage(session, new TextMessage(text));
    }

    private FakeWebSocketSession connected(String id, String user) {
        FakeWebSocketSession session = open(id);
        frame(session, "CONNECT\naccept-version:1.1,1.2\nheart-beat:10000,10000\nAuthorization:Bearer good-" + user
                + "\n\n\0");
        await().atMost(WAIT).until(() -> !session.frames("CONNECTED").isEmpty());
        return session;
    }

    @Test
    void connectAnswersConnectedWithTheVersionAndTheServersHeartBeatsAndTellsTheListeners() {
        FakeWebSocketSession session = connected("s1", "alice");
        assertThat(session.frames("CONNECTED")).singleElement().satisfies(f -> assertThat(f)
                .contains("version:1.2\n").contains("heart-beat:10000,10000\n").contains("user-name:alice\n"));
        assertThat(events).containsExactly("connected alice s1");
        endpoint.afterConnectionClosed(session, CloseStatus.NORMAL);
        assertThat(events).containsExactly("connected alice s1", "closed alice s1");
    }

    @Test
    void aBadTokenGetsAnErrorFrameThenTheConnectionCloses() {
        FakeWebSocketSession session = open("s1");
        frame(session, "CONNECT\naccept-version:1.2\npasscode:forged\n\n\0");
        await().atMost(WAIT).until(() -> session.closed != null);
        assertThat(session.frames("ERROR")).singleElement().satisfies(f ->
                assertThat(f).contains("message:unauthorized\\c invalid token\n"));
        assertThat(session.closed).isEqualTo(CloseStatus.PROTOCOL_ERROR);
        assertThat(events).isEmpty();
    }

    @Test
    void framesBeforeConnectAndForeignDestinationsAreRefusedWithAnErrorAndAClose() {
        FakeWebSocketSession early = open("s1");
        frame(early, "SEND\ndestination:/app/chat.send\n\n{}\0");
        await().atMost(WAIT).until(() -> early.closed != null);
        assertThat(early.frames("ERROR")).singleElement().satisfies(f -> assertThat(f).contains("forbidden\\c not connected"));
        assertThat(handled).isEmpty();

        FakeWebSocketSession spy = connected("s2", "mallory");
        frame(spy, "SUBSCRIBE\nid:1\ndestination:/user/alice/queue/messages\n\n\0");
        await().atMost(WAIT).until(() -> spy.closed != null);
        assertThat(spy.frames("ERROR")).singleElement().satisfies(f -> assertThat(f).contains("message:forbidden"));

        FakeWebSocketSession broker = connected("s3", "mallory");
        frame(broker, "SEND\ndestination:/queue/messages-users1\n\n{}\0");
        await().atMost(WAIT).until(() -> broker.closed != null);
        assertThat(handled).isEmpty();

        FakeWebSocketSession garbage = open("s4");
        frame(garbage, "not stomp at all\n\n\0");
        await().atMost(WAIT).until(() -> garbage.closed != null);
        assertThat(garbage.frames("ERROR")).singleElement().satisfies(f -> assertThat(f).contains("invalid_request"));
    }

    @Test
    void subscribeWithAReceiptIsAnsweredAndDeliveriesReachEachSubscriptionInOrder() {
        FakeWebSocketSession session = connected("s1", "bob");
        frame(session, "SUBSCRIBE\nid:sub-0\ndestination:/user/queue/messages\nreceipt:r-1\n\n\0");
        await().atMost(WAIT).until(() -> !session.frames("RECEIPT").isEmpty());
        assertThat(session.frames("RECEIPT")).singleElement().satisfies(f -> assertThat(f).contains("receipt-id:r-1\n"));

        assertThat(connections.deliver("s1", "/user/queue/acks", "{}")).isFalse(); // not subscribed there
        for (int i = 0; i < 100; i++) {
            assertThat(connections.deliver("s1", "/user/queue/messages", "{\"n\":" + i + "}")).isTrue();
        }
        await().atMost(WAIT).until(() -> session.frames("MESSAGE").size() == 100);
        List<String> messages = session.frames("MESSAGE");
        for (int i = 0; i < 100; i++) {
            assertThat(messages.get(i)).contains("subscription:sub-0\n").endsWith("{\"n\":" + i + "}\0");
        }

        frame(session, "UNSUBSCRIBE\nid:sub-0\n\n\0");
        assertThat(connections.deliver("s1", "/user/queue/messages", "{}")).isFalse();
    }

    @Test
    void sendGoesToItsAppDestinationAsTheConnectedUserAndAnUnknownOneIsAnError() {
        FakeWebSocketSession session = connected("s1", "carol");
        frame(session, "SUBSCRIBE\nid:e\ndestination:/user/queue/errors\n\n\0");
        frame(session, "SEND\ndestination:/app/chat.send\ncontent-type:application/json\nreceipt:7\n\n{\"x\":1}\0");
        assertThat(handled).containsExactly("carol:{\"x\":1}");
        await().atMost(WAIT).until(() -> !session.frames("RECEIPT").isEmpty());

        frame(session, "SEND\ndestination:/app/nothing.here\n\n{}\0");
        await().atMost(WAIT).until(() -> !session.frames("MESSAGE").isEmpty());
        assertThat(session.frames("MESSAGE").get(0)).contains("\"code\":\"not_found\"");
        assertThat(session.closed).isNull();
    }

    @Test
    void aFrameInSeveralWebSocketMessagePartsIsJoinedAndOneOverTheLimitClosesTheConnection() {
        FakeWebSocketSession session = connected("s1", "frank");
        String content = "\u00e9".repeat(1500); // 3,000 bytes of UTF-8, > Tomcat's 1 KB message buffer
        String frame = "SEND\ndestination:/app/chat.send\n\n" + content + "\0";
        endpoint.handleMessage(session, new TextMessage(frame.substring(0, 700), false));
        endpoint.handleMessage(session, new TextMessage(frame.substring(700, 1400), false));
        assertThat(handled).isEmpty();
        endpoint.handleMessage(session, new TextMessage(frame.substring(1400), true));
        assertThat(handled).containsExactly("frank:" + content);

        String tooBig = "SEND\ndestination:/app/chat.send\n\n" + "x".repeat(5000) + "\0"; // max-frame-bytes 4096
        endpoint.handleMessage(session, new TextMessage(tooBig.substring(0, 3000), false));
        endpoint.handleMessage(session, new TextMessage(tooBig.substring(3000), true));
        await().atMost(WAIT).until(() -> session.closed != null);
        assertThat(session.closed).isEqualTo(CloseStatus.TOO_BIG_TO_PROCESS);
        assertThat(session.frames("ERROR")).singleElement().satisfies(f -> assertThat(f).contains("invalid_request"));
        assertThat(handled).hasSize(1);
        assertThat(meters.counter("chat.sessions.closed", "reason", "limit").count()).isEqualTo(1);
    }

    @Test
    void disconnectWithAReceiptIsAnsweredBeforeTheClose() {
        FakeWebSocketSession session = connected("s1", "dave");
        frame(session, "DISCONNECT\nreceipt:bye\n\n\0");
        await().atMost(WAIT).until(() -> session.closed != null);
        assertThat(session.frames("RECEIPT")).singleElement().satisfies(f -> assertThat(f).contains("receipt-id:bye"));
        assertThat(session.closed).isEqualTo(CloseStatus.NORMAL);
    }

    @Test
    void aSessionWhoseQueueOverflowsIsClosedAsSlow() {
        FakeWebSocketSession session = new FakeWebSocketSession("s1") {
            @Override
            public void sendMessage(org.springframework.web.socket.WebSocketMessage<?> message) {
                if (((TextMessage) message).getPayload().startsWith("MESSAGE")) {
                    try {
                        stuckWrites.await(); // a client that stopped reading: the write returns when the test ends
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                super.sendMessage(message);
            }
        };
        endpoint.afterConnectionEstablished(session);
        frame(session, "CONNECT\naccept-version:1.2\npasscode:good-erin\n\n\0");
        frame(session, "SUBSCRIBE\nid:m\ndestination:/user/queue/messages\n\n\0");
        String big = "{\"c\":\"" + "y".repeat(4000) + "\"}";
        for (int i = 0; i < 40 && !connections.get("s1").isClosing(); i++) {
            connections.deliver("s1", "/user/queue/messages", big);
        }
        await().atMost(WAIT).until(() -> session.closed != null);
        assertThat(session.closed).isEqualTo(CloseStatus.SESSION_NOT_RELIABLE);
        assertThat(meters.counter("chat.sessions.closed", "reason", "slow").count()).isEqualTo(1);
    }

    @Test
    void versionAndHeartBeatNegotiation() {
        assertThat(StompEndpoint.version(null)).isEqualTo("1.0");
        assertThat(StompEndpoint.version("1.0,1.1")).isEqualTo("1.1");
        assertThat(StompEndpoint.version("1.2, 1.1")).isEqualTo("1.2");
        assertThat(StompEndpoint.version("2.0")).isNull();
        assertThat(StompEndpoint.heartbeat("5000,0")).containsExactly(5000, 0);
        assertThat(StompEndpoint.heartbeat(null)).containsExactly(0, 0);
        FakeWebSocketSession session = open("s1");
        frame(session, "CONNECT\naccept-version:1.2\nheart-beat:x\npasscode:good-a\n\n\0");
        await().atMost(WAIT).until(() -> session.closed != null);
        assertThat(session.frames("ERROR")).hasSize(1);
    }
}
