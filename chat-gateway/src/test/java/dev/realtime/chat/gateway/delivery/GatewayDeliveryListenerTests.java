package dev.realtime.chat.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import dev.realtime.chat.gateway.session.LocalSessions;
import dev.realtime.chat.gateway.session.SessionMessenger;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.DeliveryItem;
import dev.realtime.chat.model.envelope.GatewayDelivery;
import dev.realtime.chat.model.wire.ChatMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageProperties;

class GatewayDeliveryListenerTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LocalSessions sessions = new LocalSessions(meters);
    private record Sent(String sessionId, String destination, String json) {
    }

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final GatewayDeliveryListener listener = new GatewayDeliveryListener(sessions,
            new SessionMessenger((session, destination, json) -> sent.add(new Sent(session, destination, json)),
                    sessions), meters);

    private void deliver(Object body) {
        listener.onMessage(new org.springframework.amqp.core.Message(JsonCodec.toBytes(body), new MessageProperties()));
    }

    @Test
    void sendsEachItemsBytesAsTheyAreToEveryLocalSessionOfEachRecipient() {
        sessions.add(new AuthenticatedUser("bob", "bob", Instant.MAX), "b1");
        sessions.add(new AuthenticatedUser("bob", "bob", Instant.MAX), "b2");
        sessions.add(new AuthenticatedUser("eve", "eve", Instant.MAX), "e1");
        String json = JsonCodec.toJson(new ChatMessage("m", "c", 1, "alice", "h\u00e9", Instant.now().minusMillis(20), "x"));

        deliver(new GatewayDelivery(List.of(new DeliveryItem(DeliveryItem.MESSAGES, List.of("bob", "absent"), json),
                new DeliveryItem(DeliveryItem.EVENTS, List.of("eve"), "{\"type\":\"typing\"}"),
                new DeliveryItem("/queue/acks", List.of("eve"), "{\"forged\":true}"))));

        assertThat(sent).extracting(m -> m.sessionId() + " " + m.destination())
                .containsExactlyInAnyOrder("b1 /user/queue/messages", "b2 /user/queue/messages", "e1 /user/queue/events");
        assertThat(sent.get(0).json()).isEqualTo(json);
        assertThat(meters.counter("chat.messages.delivered").count()).isEqualTo(1); // one user with sessions here
        assertThat(meters.timer("chat.delivery.latency").count()).isEqualTo(1);
        assertThat(meters.counter("chat.deliveries.malformed").count()).isEqualTo(1); // the forged destination
    }

    @Test
    void aMalformedDeliveryIsDroppedAndCounted() {
        listener.onMessage(new org.springframework.amqp.core.Message("{not json".getBytes(StandardCharsets.UTF_8),
                new MessageProperties()));
        assertThat(sent).isEmpty();
        assertThat(meters.counter("chat.deliveries.malformed").count()).isEqualTo(1);
    }

    @Test
    void readsSentAtWithoutDecodingTheWholeMessage() {
        assertThat(GatewayDeliveryListener.sentAt("{\"messageId\":\"1\",\"nested\":{\"sentAt\":\"x\"},"
                + "\"sentAt\":\"2025-01-02T03:04:05.678Z\"}")).isEqualTo(Instant.parse("2025-01-02T03:04:05.678Z"));
        assertThat(GatewayDeliveryListener.sentAt("{\"type\":\"typing\"}")).isNull();
        assertThat(GatewayDeliveryListener.sentAt("[1]")).isNull();
    }
}
