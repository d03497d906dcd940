package dev.realtime.chat.gateway;

import static dev.realtime.chat.gateway.support.GatewayTestSupport.conversation;
import static dev.realtime.chat.gateway.support.GatewayTestSupport.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.gateway.support.GatewayTestSupport.TestUser;
import dev.realtime.chat.testsupport.stomp.StompTestClient;
import io.micrometer.core.instrument.DistributionSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many sessions sending at once through one gateway: every message is acked once, each session's seqs follow its
 * send order, the publisher batches (more than one message per MessageBatch on average) and so do the writes of
 * seq + idempotency calls to Redis. Logs the rate and the batch sizes it saw (a smoke measurement, not the
 * benchmark).
 */
class SendPathLoadIntegrationTests extends GatewayIntegrationTestBase {

    private static final Logger log = LoggerFactory.getLogger(SendPathLoadIntegrationTests.class);

    @Test
    void concurrentSessionsAreAllAckedInTheirOwnOrderAndThePublisherBatches() {
        int sessions = 10;
        int perSession = 150;
        List<StompTestClient> senders = new ArrayList<>();
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            TestUser sender = user(tokens, "load" + i);
            conversations.add(conversation(sender.userId(), user(tokens, "peer" + i).userId()));
            senders.add(connect(sender));
        }
        DistributionSummary batches = meters.summary("chat.publish.batch.size");
        long batchesBefore = batches.count();
        double messagesBefore = batches.totalAmount();
        DistributionSummary ledgerWrites = meters.summary("chat.send.ledger.dispatch.size");
        long ledgerWritesBefore = ledgerWrites.count();
        double ledgerCallsBefore = ledgerWrites.totalAmount();

        long start = System.nanoTime();
        for (int n = 0; n < perSession; n++) {
            for (int i = 0; i < sessions; i++) {
                senders.get(i).send("/app/chat.send", send(conversations.get(i), "load-" + n, "message " + n));
            }
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(senders)
                .extracting(s -> s.received("acks").size() + s.received("errors").size())
                .allMatch(answers -> answers >= perSession));
        double seconds = (System.nanoTime() - start) / 1e9;

        for (StompTestClient sender : senders) {
            assertThat(sender.received("errors")).isEmpty();
            List<JsonNode> acks = sender.received("acks");
            assertThat(acks).hasSize(perSession);
            for (JsonNode ack : acks) {
                long n = Long.parseLong(ack.get("clientMessageId").asText().substring("load-".length()));
                assertThat(ack.get("seq").asLong()).isEqualTo(n + 1);
            }
            assertThat(sender.received("errors")).isEmpty();
        }
        long batchCount = batches.count() - batchesBefore;
        double perBatch = (batches.totalAmount() - messagesBefore) / batchCount;
        log.info("Load: {} messages from {} sessions written in {} s, all acked after {} s ({} msg/s), {} batches, {} "
                + "messages per batch on average, largest {}", sessions * perSession, sessions,
                String.format("%.2f", sendSeconds), String.format("%.2f", seconds),
                Math.round(sessions * perSession / seconds), batchCount, String.format("%.1f", perBatch),
                batches.max());
        var seq = meters.timer("chat.send.seq.latency");
        log.info("Load: seq + idempotency Lua call {} ms on average, {} ms at most",
                String.format("%.2f", seq.mean(java.util.concurrent.TimeUnit.MILLISECONDS)),
                String.format("%.1f", seq.max(java.util.concurrent.TimeUnit.MILLISECONDS)));
        var accept = meters.timer("chat.send.accept.latency");
        log.info("Load: frame to publisher hand-off {} ms on average, {} ms at most",
                String.format("%.1f", accept.mean(java.util.concurrent.TimeUnit.MILLISECONDS)),
                String.format("%.1f", accept.max(java.util.concurrent.TimeUnit.MILLISECONDS)));
        assertThat(perBatch).isGreaterThan(1.0);
        double ledgerCalls = ledgerWrites.totalAmount() - ledgerCallsBefore;
        double callsPerWrite = ledgerCalls / (ledgerWrites.count() - ledgerWritesBefore);
        log.info("Load: {} seq + idempotency calls per write to Redis on average",
                String.format("%.1f", callsPerWrite));
        assertThat(ledgerCalls).isGreaterThanOrEqualTo(sessions * perSession);
        assertThat(callsPerWrite).isGreaterThan(1.0);
    }
}
