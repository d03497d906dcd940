package dev.realtime.chat.gateway;

import static dev.realtime.chat.gateway.support.GatewayTestSupport.conversation;
import static dev.realtime.chat.gateway.support.GatewayTestSupport.user;
import static dev.realtime.chat.testsupport.stomp.StompTestClient.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.gateway.support.GatewayTestSupport.TestUser;
import dev.realtime.chat.testsupport.stomp.StompTestClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A dependency that fails degrades the send path to {@code unavailable} answers, never a hang, and the gateway
 * recovers by itself: RabbitMQ and Redis are cut at their proxies while real clients send.
 */
class GatewayFaultIntegrationTests extends GatewayIntegrationTestBase {

    @AfterEach
    void restore() {
        RABBIT.restore();
        REDIS.restore();
    }

    @Test
    void brokerDownAnswersUnavailableThenResyncAndTheResendIsTheSameMessageAcked() {
        TestUser alice = user(tokens, "alice");
        String conversation = conversation(alice.userId(), user(tokens, "bob").userId());
        StompTestClient client = connect(alice);
        client.send("/app/chat.send", send(conversation, "warm-up", "x"));
        client.awaitMessage("acks", field("clientMessageId", "warm-up"), WAIT);

        RABBIT.cut();
        long start = System.nanoTime();
        client.send("/app/chat.send", send(conversation, "during-outage", "is anyone there"));
        JsonNode error = client.awaitMessage("errors", field("clientMessageId", "during-outage"), WAIT);
        assertThat(error.get("code").asText()).isEqualTo("unavailable");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(client.isConnected()).isTrue();

        RABBIT.restore();
        client.awaitMessage("events", field("type", "resync"), Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            client.send("/app/chat.send", send(conversation, "during-outage", "is anyone there"));
            assertThat(client.awaitMessage("acks", field("clientMessageId", "during-outage"), Duration.ofSeconds(3))
                    .get("seq").asLong()).isEqualTo(2); // the seq the first attempt was given: the same message
        });
        await().atMost(WAIT).until(() -> !publishedCopies("during-outage").isEmpty());
        JsonNode published = publishedCopies("during-outage").get(0);
        assertThat(published.at("/message/seq").asLong()).isEqualTo(2);
        assertThat(client.received("acks").stream().filter(field("clientMessageId", "during-outage")).findFirst()
                .orElseThrow().get("messageId").asText()).isEqualTo(published.at("/message/messageId").asText());
    }

    @Test
    void redisDownAnswersUnavailableAndTheSessionRecoversWhenItIsBack() {
        TestUser alice = user(tokens, "alice");
        String conversation = conversation(alice.userId(), user(tokens, "bob").userId());
        StompTestClient client = connect(alice);
        client.send("/app/chat.send", send(conversation, "before", "x"));
        client.awaitMessage("acks", field("clientMessageId", "before"), WAIT);

        REDIS.cut();
        long start = System.nanoTime();
        client.send("/app/chat.send", send(conversation, "no-redis", "x"));
        JsonNode error = client.awaitMessage("errors", field("clientMessageId", "no-redis"), WAIT);
        assertThat(error.get("code").asText()).isEqualTo("unavailable");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(publishedCopies("no-redis")).isEmpty();

        REDIS.restore();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            client.send("/app/chat.send", send(conversation, "no-redis", "x"));
            assertThat(client.awaitMessage("acks", field("clientMessageId", "no-redis"), Duration.ofSeconds(3))
                    .get("seq").asLong()).isEqualTo(2);
        });
        assertThat(client.isConnected()).isTrue();
    }
}
