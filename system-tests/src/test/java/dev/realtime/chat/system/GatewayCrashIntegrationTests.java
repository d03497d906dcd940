package dev.realtime.chat.system;

import static dev.realtime.chat.testsupport.stomp.StompTestClient.bearer;
import static dev.realtime.chat.testsupport.stomp.StompTestClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.system.ChatApi.User;
import dev.realtime.chat.testsupport.ChatTestInfrastructure;
import dev.realtime.chat.testsupport.stomp.StompTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A gateway killed mid-stream (SIGKILL): its clients reconnect to another gateway, sync with afterSeq and miss
 * nothing that was acknowledged; every acknowledged message is in Cassandra exactly once.
 */
class GatewayCrashIntegrationTests {

    private final RunningSystem system = SharedSystem.get();
    private final List<String> gateways = system.gatewayUrls();
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    @Test
    void clientsOfAKilledGatewayReconnectElsewhereAndMissNothingAcknowledged() throws Exception {
        User alice = ChatApi.account(gateways.get(0), "alice_" + run);
        User bob = ChatApi.account(gateways.get(0), "bob_" + run);
        String group = ChatApi.group(gateways.get(0), alice, "crash " + run, List.of(bob));
        Set<Long> bobHas = new TreeSet<>();
        int total = 300;
        try (StompTestClient sender = StompTestClient.connect(ws(0), bearer(alice.token()))) {
            StompTestClient bobOnGw4 = StompTestClient.connect(ws(3), bearer(bob.token()));
            for (int i = 0; i < total; i++) {
                sender.send("/app/chat.send", body("conversationId", group, "clientMessageId", "c" + i, "content", "n" + i));
                if (i == total / 3) {
                    int acked = i;
                    await().atMost(Duration.ofSeconds(20)).until(() -> sender.received("acks").size() > acked / 2);
                    system.kill("gateway-4");
                    assertThat(bobOnGw4.awaitClosed(Duration.ofSeconds(20))).as("bob's socket died with its gateway").isTrue();
                    bobHas.addAll(MessagePathIntegrationTests.distinctSeqs(bobOnGw4, group));
                    bobOnGw4.close();
                }
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sender.received("acks").size() == total);
            Set<Long> acked = new TreeSet<>();
            sender.received("acks").forEach(a -> acked.add(a.path("seq").asLong()));

            // Bob's app reconnects through the load balancer (another gateway) and syncs after the last seq it has.
            long last = bobHas.isEmpty() ? 0 : ((TreeSet<Long>) bobHas).last();
            try (StompTestClient bobOnGw2 = StompTestClient.connect(ws(1), bearer(bob.token()))) {
                for (JsonNode message : ChatApi.messagesAfter(gateways.get(1), bob, group, last)) {
                    bobHas.add(message.path("seq").asLong());
                }
                assertThat(bobHas).as("every acknowledged seq reached bob").containsAll(acked);
                assertThat(acked).hasSize(total);
            }

            ChatTestInfrastructure infra = ChatTestInfrastructure.get();
            await("all acknowledged messages persisted").atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<Row> rows = infra.cqlSession().execute("SELECT seq FROM " + infra.cassandraKeyspace()
                        + ".messages WHERE conversation_id = ? AND bucket = 0", group).all();
                assertThat(rows.stream().map(r -> r.getLong("seq")).toList()).doesNotHaveDuplicates()
                        .hasSize(total).containsAll(acked);
            });
        } finally {
            system.restart("gateway-4");
        }
    }

    private String ws(int gateway) {
        return gateways.get(gateway).replace("http", "ws") + "/ws";
    }
}
