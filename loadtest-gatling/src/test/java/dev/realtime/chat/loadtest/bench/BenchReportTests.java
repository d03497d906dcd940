package dev.realtime.chat.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTests {

    private static final BenchReport.Machine MACHINE = new BenchReport.Machine(2, "Intel(R) Xeon(R) Processor", 23.4,
            "Linux", "17");

    private static String ledger(double acked, double deliveries) {
        return """
                {"scenario":"throughput","target":"chat","baseUrl":"http://localhost:8080",
                 "parameters":{"users":10,"ratePerUser":2.0,"durationSeconds":10.0,"warmupSeconds":2.0,"groupSize":5},
                 "window":{"startMillis":1000,"endMillis":11000},
                 "ledger":{"sent":200,"acked":199,"unacked":1,"failed":0,"errors":{},"expectedDeliveries":700,
                   "delivered":699,"lostDeliveries":1,"lostMessages":1,"duplicates":2,"ackedPerSecond":%s,
                   "offeredPerSecond":20.0,"deliveriesPerSecond":%s,
                   "endToEndLatency":{"count":699,"p50":5,"p95":20,"p99":40,"p999":50,"max":60,"mean":7.5},
                   "echoLatency":{"count":199,"p50":4,"p95":10,"p99":30,"p999":30,"max":30,"mean":5.0},
                   "ackLatency":{"count":199,"p50":2,"p95":5,"p99":9,"p999":9,"max":9,"mean":2.5}}}
                """.formatted(acked, deliveries);
    }

    private Map<String, String> write(Path dir, Map<String, String> files) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("run-id", "2025-01-01T00-00-00Z");
        for (Map.Entry<String, String> entry : files.entrySet()) {
            Path file = dir.resolve(entry.getKey());
            Files.writeString(file, entry.getValue());
            options.put(entry.getKey(), file.toString());
        }
        return options;
    }

    @Test
    @SuppressWarnings("unchecked")
    void combinesLedgerVerifierAndReferencesIntoRatios(@TempDir Path dir) throws IOException {
        Map<String, String> options = write(dir, Map.of(
                "ledger", ledger(19.9, 69.9),
                "verifier", """
                        {"acked":199,"persisted":198,"missing":1,"mismatched":0,"storedTwice":0,"undelivered":1,
                         "lost":2,"waitedMillis":1000,"sample":["c1/5","c1/6"]}""",
                "perftest-hop1", "id: hop1, sending rate avg: 4000 msg/s\nid: hop1, receiving rate avg: 8000 msg/s\n",
                "perftest-hop3", "id: hop3, sending rate avg: 3980 msg/s\nid: hop3, receiving rate avg: 3980 msg/s\n",
                "webstomp", ledger(39.8, 139.8),
                "prom-before", "chat_persist_lag_seconds_count 100\nchat_persist_lag_seconds_sum 1.0\n",
                "prom-after", "chat_persist_lag_seconds_count 300\nchat_persist_lag_seconds_sum 5.0\n"
                        + "chat_persist_lag_seconds_max 0.2\n",
                "proc", "1000\tgateway-1\t7\t0\t1024\n11000\tgateway-1\t7\t500\t2048\n"
                        + "1000\t_machine\t0\t0\t0\n11000\t_machine\t0\t2000\t1000\n"));
        BenchReport report = new BenchReport(options, List.of());

        Map<String, Object> result = report.build(MACHINE);

        Map<String, Object> results = (Map<String, Object>) result.get("results");
        assertThat(results.get("sent")).isEqualTo(200L);
        assertThat(results.get("acknowledged")).isEqualTo(199L);
        assertThat(results.get("persisted")).isEqualTo(198L);
        Map<String, Object> lost = (Map<String, Object>) results.get("lost");
        assertThat(lost).containsEntry("total", 2L).containsEntry("undeliveredToOnlineMember", 1L)
                .containsEntry("notInCassandra", 1L);
        Map<String, Object> lag = (Map<String, Object>) results.get("persistenceLag");
        assertThat(lag).containsEntry("samples", 200L).containsEntry("meanMillis", 20.0)
                .containsEntry("maxMillis", 200.0);
        Map<String, Object> references = (Map<String, Object>) result.get("references");
        Map<String, Object> perftest = (Map<String, Object>) references.get("rabbitmqPerfTest");
        assertThat(perftest.get("threeHopMessagesPerSecond")).isEqualTo(3980.0);
        assertThat(perftest.get("oursToReference")).isEqualTo(0.005);
        Map<String, Object> webstomp = (Map<String, Object>) references.get("rabbitmqWebStomp");
        assertThat(webstomp.get("oursToReference")).isEqualTo(0.5);
        List<ProcReport.ProcessUsage> processes = (List<ProcReport.ProcessUsage>) result.get("processes");
        assertThat(processes).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("gateway-1");
            assertThat(p.cpuPercent()).isEqualTo(50.0);
        });
        assertThat((List<String>) result.get("notes")).isEmpty();
        Map<String, Object> throughput = (Map<String, Object>) results.get("throughput");
        assertThat(throughput.get("configuredPerSecond")).isEqualTo(20.0);

        String text = report.text(result);
        assertThat(text).contains("LOST", "2 (undelivered to an online member: 1, not in Cassandra: 1)",
                "in 19.9 msg/s, out 69.9 deliveries/s", "p50 5 ms, p95 20 ms, p99 40 ms, max 60 ms",
                "three hops: 3980.0 msg/s", "ours = 0.005x", "ours = 0.5x", "machine busy 50.0%",
                "2 x Intel(R) Xeon(R) Processor");
    }

    @Test
    @SuppressWarnings("unchecked")
    void loadGeneratorFallingShortOfTheConfiguredRateIsNoted(@TempDir Path dir) throws IOException {
        BenchReport report = new BenchReport(write(dir, Map.of("ledger", ledger(19.9, 69.9)
                .replace("\"offeredPerSecond\":20.0", "\"offeredPerSecond\":12.0"))), List.of());

        Map<String, Object> result = report.build(MACHINE);

        assertThat((List<String>) result.get("notes")).anySatisfy(note ->
                assertThat(note).contains("attempted only 12.0 of the configured 20.0 msg/s"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void missingInputsAreNamedInTheNotes(@TempDir Path dir) throws IOException {
        BenchReport report = new BenchReport(write(dir, Map.of()), List.of("stack was not up"));

        Map<String, Object> result = report.build(MACHINE);

        assertThat((List<String>) result.get("notes")).contains("stack was not up",
                "no ledger from the throughput simulation: it did not run or did not finish",
                "reference (a) PerfTest did not run", "reference (b) Web-STOMP did not run");
        assertThat(report.text(result)).contains("(a) RabbitMQ PerfTest: not run", "persistence lag      unknown");
    }
}
