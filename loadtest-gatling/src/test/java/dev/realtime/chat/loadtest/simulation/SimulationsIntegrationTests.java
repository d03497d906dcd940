package dev.realtime.chat.loadtest.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.model.codec.JsonCodec;
import io.gatling.app.Gatling$;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulations themselves, run by Gatling in this JVM for a few seconds against {@link FakeChatServer}: the
 * harness counts what it must count, and fails the run (Gatling assertions, exit status 2) when messages are lost.
 */
class SimulationsIntegrationTests {

    @TempDir
    Path results;

    private FakeChatServer server;
    private final Map<String, String> properties = new LinkedHashMap<>();

    @BeforeEach
    void startServer() throws InterruptedException {
        server = new FakeChatServer();
    }

    @AfterEach
    void stopServerAndForgetProperties() {
        server.close();
        properties.keySet().forEach(System::clearProperty);
    }

    private JsonNode run(Class<?> simulation, String name, Map<String, String> extra, int expectedStatus)
            throws IOException {
        properties.put("base.url", server.baseUrl());
        properties.put("users", "6");
        properties.put("rate", "5");
        properties.put("ramp", "1");
        properties.put("warmup", "1");
        properties.put("duration", "3");
        properties.put("drain", "3");
        properties.put("settle", "300");
        properties.put("group.size", "3");
        properties.put("user.prefix", name);
        properties.put("run.id", name);
        properties.put("results.prefix", results.resolve(name).toString());
        properties.putAll(extra);
        properties.forEach(System::setProperty);
        int status = Gatling$.MODULE$.fromArgs(new String[] {"-s", simulation.getName(), "-rf",
                results.resolve("gatling").toString(), "-nr"});
        assertThat(status).as("Gatling exit status of %s", name).isEqualTo(expectedStatus);
        return JsonCodec.mapper().readTree(Files.readString(results.resolve(name + ".ledger.raw")));
    }

    @Test
    void throughputAgainstAHealthyServerAccountsForEveryMessage() throws IOException {
        JsonNode run = run(ThroughputSimulation.class, "healthy", Map.of(), 0);

        JsonNode ledger = run.path("ledger");
        assertThat(ledger.path("sent").asLong()).isGreaterThan(20);
        assertThat(ledger.path("acked").asLong()).isEqualTo(ledger.path("sent").asLong());
        assertThat(ledger.path("delivered").asLong()).isEqualTo(ledger.path("expectedDeliveries").asLong());
        assertThat(ledger.path("lostDeliveries").asLong()).isZero();
        assertThat(ledger.path("duplicates").asLong()).isZero();
        assertThat(ledger.path("seqGaps").asLong()).isZero();
        assertThat(ledger.path("endToEndLatency").path("count").asLong())
                .isEqualTo(ledger.path("delivered").asLong());
        assertThat(run.path("connections").path("connected").asLong()).isEqualTo(6);
        assertThat(Files.readAllLines(results.resolve("healthy.acked.raw"))).hasSize(ledger.path("acked").asInt())
                .allSatisfy(line -> assertThat(line).endsWith("\t1"));
    }

    @Test
    void deliveriesTheServerDropsAreLostAndFailTheRun() throws IOException {
        server.dropEvery(5);

        JsonNode run = run(ThroughputSimulation.class, "lossy", Map.of(), 2);

        JsonNode ledger = run.path("ledger");
        assertThat(server.dropped()).isPositive();
        assertThat(ledger.path("lostDeliveries").asLong()).isPositive().isLessThanOrEqualTo(server.dropped());
        assertThat(ledger.path("lostMessages").asLong()).isPositive();
        assertThat(Files.readAllLines(results.resolve("lossy.acked.raw"))).anySatisfy(line ->
                assertThat(line).endsWith("\t0"));
    }

    @Test
    void mixedUsersReconnectAndRecoverWhatTheyMissedFromHistory() throws IOException {
        JsonNode run = run(MixedSimulation.class, "mixed", Map.of("duration", "5", "reconnect.every", "1.5",
                "offline", "0.5", "assert.p99", "2000"), 0);

        JsonNode ledger = run.path("ledger");
        assertThat(run.path("connections").path("reconnects").asLong()).isPositive();
        assertThat(run.path("connections").path("historyLoads").asLong()).isPositive();
        assertThat(ledger.path("recoveredFromHistory").asLong()).isPositive();
        assertThat(ledger.path("seqGaps").asLong()).isZero();
        assertThat(ledger.path("lostDeliveries").asLong()).isZero();
        assertThat(ledger.path("acked").asLong()).as("resent after reconnect, same clientMessageId")
                .isEqualTo(ledger.path("sent").asLong());
        assertThat(ledger.path("conflictingAcks").asLong()).isZero();
    }

    @Test
    void idleConnectionsExchangeHeartbeats() throws IOException {
        JsonNode run = run(ConnectionsSimulation.class, "idle", Map.of("heartbeat", "400", "warmup", "0"), 0);

        JsonNode connections = run.path("connections");
        assertThat(connections.path("connected").asLong()).isEqualTo(6);
        assertThat(connections.path("heartbeatsReceived").asLong()).isGreaterThan(6);
        assertThat(connections.path("heartbeatsSent").asLong()).isGreaterThan(6);
        assertThat(connections.path("serverHeartbeatGaps").asLong()).isZero();
    }

    @Test
    void idleConnectionsShareAFewAccountsWithoutConversations() throws IOException {
        Path ready = results.resolve("ready");
        long start = System.currentTimeMillis();
        JsonNode run = run(ConnectionsSimulation.class, "shared", Map.of("users", "7", "accounts", "3",
                "heartbeat", "400", "warmup", "0", "ready.file", ready.toString(), "connect.delay", "1"), 0);

        String[] readyLine = Files.readString(ready).trim().split(" ");
        assertThat(Long.parseLong(readyLine[0])).isBetween(start, run.path("window").path("startMillis").asLong()
                - 1000);
        assertThat(readyLine[1]).as("accounts logged in").isEqualTo("3");
        assertThat(server.accounts()).isEqualTo(3);
        assertThat(server.conversations()).isZero();
        // users 0..6 connect as accounts 0,1,2,0,1,2,0
        assertThat(server.connectsByUser().values()).containsExactlyInAnyOrder(3, 2, 2);
        assertThat(run.path("connections").path("connected").asLong()).isEqualTo(7);
        assertThat(run.path("connections").path("serverHeartbeatGaps").asLong()).isZero();
        assertThat(run.path("parameters").path("accounts").asInt()).isEqualTo(3);
        assertThat(run.path("parameters").path("connectionsPerAccount").asInt()).isEqualTo(3);
    }
}
