package dev.realtime.chat.system;

import static dev.realtime.chat.testsupport.stomp.StompTestClient.bearer;
import static dev.realtime.chat.testsupport.stomp.StompTestClient.body;
import static dev.realtime.chat.testsupport.stomp.StompTestClient.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.system.ChatApi.User;
import dev.realtime.chat.testsupport.ChatTestInfrastructure;
import dev.realtime.chat.testsupport.stomp.StompTestClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A dead Cassandra never slows delivery: the Cassandra server process is frozen (SIGSTOP: it accepts nothing and
 * answers nothing, the worst kind of slow) for 20 s under a steady stream of messages between users on two
 * gateways. Sends are acknowledged and delivered throughout; once Cassandra runs again every message is in it
 * exactly once and nothing went to the dead-letter queue.
 */
class CassandraFrozenIntegrationTests {

    private static final Duration FROZEN_FOR = Duration.ofSeconds(20);

    private final RunningSystem system = SharedSystem.get();
    private final List<String> gateways = system.gatewayUrls();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final ChatTestInfrastructure infra = ChatTestInfrastructure.get();

    @Test
    void deliveryGoesOnWhileCassandraIsFrozenAndEverythingIsPersistedOnceAfterwards() throws Exception {
        Optional<ProcessHandle> cassandra = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("org.apache.cassandra.service.CassandraDaemon"))
                        .orElse(false))
                .findFirst();
        assumeThat(cassandra).as("a local Cassandra process to freeze (the Testcontainers path has none)").isPresent();

        User alice = ChatApi.account(gateways.get(0), "alice_" + run);
        User bob = ChatApi.account(gateways.get(0), "bob_" + run);
        String conversation = ChatApi.direct(gateways.get(0), alice, bob);
        try (StompTestClient sender = StompTestClient.connect(ws(0), bearer(alice.token()));
                StompTestClient recipient = StompTestClient.connect(ws(2), bearer(bob.token()))) {
            sender.send("/app/chat.send", body("conversationId", conversation, "clientMessageId", "before", "content", "hi"));
            recipient.awaitMessage("messages", field("clientMessageId", "before"));

            int sent = 1;
            signal(cassandra.get(), "STOP");
            try {
                long end = System.nanoTime() + FROZEN_FOR.toNanos();
                while (System.nanoTime() < end) {
                    for (int i = 0; i < 5; i++, sent++) {
                        sender.send("/app/chat.send", body("conversationId", conversation, "clientMessageId", "m" + sent,
                                "content", "while Cassandra is frozen " + sent));
                    }
                    int expected = sent;
                    await("acks while Cassandra is frozen").atMost(Duration.ofSeconds(5))
                            .until(() -> sender.received("acks").size() == expected);
                    await("live deliveries while Cassandra is frozen").atMost(Duration.ofSeconds(5))
                            .until(() -> MessagePathIntegrationTests.distinctSeqs(recipient, conversation).size() == expected);
                }
                assertThat(sender.received("errors")).as("no send failed while Cassandra was frozen").isEmpty();
            } finally {
                signal(cassandra.get(), "CONT");
            }

            int total = sent;
            await("every message persisted once Cassandra runs again").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                        List<Long> seqs = infra.cqlSession().execute("SELECT seq FROM " + infra.cassandraKeyspace()
                                + ".messages WHERE conversation_id = ? AND bucket = 0", conversation)
                                .all().stream().map(r -> r.getLong("seq")).toList();
                        assertThat(seqs).doesNotHaveDuplicates().hasSize(total);
                    });
            try (Connection connection = infra.rabbitConnectionFactory().newConnection();
                    Channel channel = connection.createChannel()) {
                assertThat(channel.messageCount(Topology.PERSIST_DEAD_LETTER_QUEUE)).as("dead letters").isZero();
            }
        }
    }

    private static void signal(ProcessHandle process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).as("kill -" + signal).isZero();
    }

    private String ws(int gateway) {
        return gateways.get(gateway).replace("http", "ws") + "/ws";
    }
}
