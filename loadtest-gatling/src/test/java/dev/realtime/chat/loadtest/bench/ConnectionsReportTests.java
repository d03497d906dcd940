package dev.realtime.chat.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionsReportTests {

    private static final BenchReport.Machine MACHINE = new BenchReport.Machine(2, "Intel(R) Xeon(R) Processor", 23.6,
            "Linux", "17");
    private static final long START = 1_000_000L;
    private static final long END = START + 40_000L;

    @TempDir
    Path dir;

    @Test
    void perConnectionIsTheGrowthDividedByTheAddedSessions() {
        assertThat(ConnectionsReport.perConnection(40_000.0, 77_500.0, 2500.0)).isEqualTo(15.0);
        assertThat(ConnectionsReport.perConnection(40_000.0, 39_000.0, 100.0)).isEqualTo(-10.0);
        assertThat(ConnectionsReport.perConnection(40_000.0, 50_000.0, 0.0)).isNull();
        assertThat(ConnectionsReport.perConnection(null, 50_000.0, 10.0)).isNull();
        assertThat(ConnectionsReport.perConnection(1.0, 2.0, null)).isNull();
    }

    @Test
    void sessionsRoundsSumTheGatewaysAndAFailedScrapeMakesARoundIncomplete() {
        List<ConnectionsReport.SessionsRound> rounds = ConnectionsReport.parseSessions("""
                1000\tgateway-1\t10
                1000\tgateway-2\t12
                3000\tgateway-1\t10
                3000\tgateway-2\tNA
                5000\tgateway-1\t1
                garbage
                """);

        assertThat(rounds).hasSize(3);
        assertThat(rounds.get(0).total()).isEqualTo(22.0);
        assertThat(rounds.get(1).total()).isNull();
        assertThat(rounds.get(2).total()).isEqualTo(1.0);
    }

    @Test
    void holdIsStableOnlyWhenEverySampleInTheWindowShowsAllSessions() {
        List<ConnectionsReport.SessionsRound> rounds = ConnectionsReport.parseSessions("""
                900\tgw\t50
                1000\tgw\t100
                2000\tgw\t100
                3000\tgw\tNA
                4000\tgw\t100
                5000\tgw\t20
                """);

        ConnectionsReport.Hold stable = ConnectionsReport.hold(rounds, 1000, 4000, 100);
        assertThat(stable.stable()).isTrue();
        assertThat(stable.samples()).isEqualTo(3);
        assertThat(stable.incompleteSamples()).isEqualTo(1);
        assertThat(stable.min()).isEqualTo(100.0);

        ConnectionsReport.Hold dropped = ConnectionsReport.hold(rounds, 1000, 5000, 100);
        assertThat(dropped.stable()).isFalse();
        assertThat(dropped.min()).isEqualTo(20.0);
        assertThat(dropped.last()).isEqualTo(20.0);

        assertThat(stable.constant()).isTrue();
        assertThat(ConnectionsReport.hold(rounds, 1000, 4000, 101).stable()).as("short of expected").isFalse();
        ConnectionsReport.Hold others = ConnectionsReport.hold(rounds, 1000, 4000, 60);
        assertThat(others.stable()).as("another client's sessions on top of ours").isTrue();
        assertThat(others.constant()).isTrue();
        ConnectionsReport.Hold moreLater = ConnectionsReport.hold(rounds, 900, 4000, 50);
        assertThat(moreLater.stable()).isTrue();
        assertThat(moreLater.constant()).isFalse();
        assertThat(ConnectionsReport.hold(rounds, 6000, 9000, 100).stable()).as("no sample").isNull();
    }

    @Test
    void aliveNeedsEveryConnectionNoKoNoGapAndStableSessions() {
        assertThat(ConnectionsReport.allAlive(400, 400, 0L, 0, 0, true)).isTrue();
        assertThat(ConnectionsReport.allAlive(400, 400, 0L, 0, 0, null)).as("gauges not sampled").isTrue();
        assertThat(ConnectionsReport.allAlive(400, 399, 0L, 0, 0, true)).isFalse();
        assertThat(ConnectionsReport.allAlive(400, 400, 1L, 0, 0, true)).isFalse();
        assertThat(ConnectionsReport.allAlive(400, 400, null, 0, 0, true)).as("Gatling printed nothing").isFalse();
        assertThat(ConnectionsReport.allAlive(400, 400, 0L, 2, 0, true)).isFalse();
        assertThat(ConnectionsReport.allAlive(400, 400, 0L, 0, 1, true)).isFalse();
        assertThat(ConnectionsReport.allAlive(400, 400, 0L, 0, 0, false)).isFalse();
    }

    private void gateway(String phase, String name, long pid, int port, long sessions, long heapKb, long liveBytes,
            long rssKb, int threads, int fds, long directBytes, long bufferCount) throws IOException {
        Path process = dir.resolve("snap").resolve(phase).resolve(name);
        Files.createDirectories(process);
        long at = phase.equals("before") ? START - 20_000 : phase.equals("during") ? START + 5_000 : END + 10_000;
        Files.writeString(process.resolve("meta"), "pid=" + pid + "\nport=" + port + "\nrole=gateway\nstartMillis="
                + at + "\nendMillis=" + (at + 800) + "\n");
        Files.writeString(process.resolve("jcmd.txt"), pid + ":\nCommand executed successfully\n"
                + " garbage-first heap   total 262144K, used " + heapKb + "K [0x0, 0x1)\n"
                + "  region size 1024K, 1 young (1024K), 0 survivors (0K)\n"
                + " Metaspace       used 83191K, committed 83904K, reserved 1179648K\n"
                + " num     #instances         #bytes  class name (module)\n"
                + "-------------------------------------------------------\n"
                + "   1:        " + bufferCount + "        " + (liveBytes - 1000) + "  [B (java.base@17.0.15)\n"
                + "   2:        10        1000  java.lang.String (java.base@17.0.15)\n"
                + "Total        " + (bufferCount + 10) + "        " + liveBytes + "\n");
        Files.writeString(process.resolve("status.txt"), "Name:\tjava\nVmRSS:\t" + rssKb + " kB\nRssAnon:\t"
                + (rssKb - 20_000) + " kB\nThreads:\t" + threads + "\n");
        Files.writeString(process.resolve("fds.txt"), fds + "\n");
        Files.writeString(process.resolve("limits.txt"), "Max open files            20000                20000"
                + "                files\n");
        Files.writeString(process.resolve("prom.txt"), """
                # TYPE chat_sessions_active gauge
                chat_sessions_active{instance="gw",service="chat-gateway"} %d.0
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space",instance="gw"} 1048576.0
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen",instance="gw"} %d.0
                jvm_memory_used_bytes{area="nonheap",id="Metaspace",instance="gw"} 8.5E7
                jvm_buffer_memory_used_bytes{id="direct",instance="gw"} %d.0
                jvm_buffer_memory_used_bytes{id="mapped",instance="gw"} 0.0
                """.formatted(sessions, heapKb * 1024, directBytes));
    }

    private Map<String, String> options() throws IOException {
        Path ledger = dir.resolve("ledger.json");
        Files.writeString(ledger, """
                {"scenario":"connections","parameters":{"users":400,"accounts":40},
                 "window":{"startMillis":%d,"endMillis":%d},
                 "connections":{"connected":400,"heartbeatsReceived":1800,"heartbeatsSent":2000,
                   "serverHeartbeatGaps":0,"stompErrors":0}}
                """.formatted(START, END));
        StringBuilder sessions = new StringBuilder();
        for (long t = START - 30_000; t <= END + 20_000; t += 2000) {
            boolean connected = t >= START && t <= END + 2000;
            sessions.append(t).append("\tgateway-1\t").append(connected ? 200 : 0).append('\n');
            sessions.append(t).append("\tgateway-2\t").append(connected ? 200 : 0).append('\n');
        }
        Path sessionsFile = dir.resolve("sessions.tsv");
        Files.writeString(sessionsFile, sessions);
        Path log = dir.resolve("gatling.log");
        Files.writeString(log, """
                ---- Requests -----------------------------------------------------------------------|---Total---|-----OK----|----KO----
                > Global                                                                             |     1,200 |     1,200 |         0
                > ws.connect                                                                         |       400 |       400 |         0
                """);
        Path ready = dir.resolve("ready");
        Files.writeString(ready, (START - 25_000) + " 40\n");
        Map<String, String> options = new LinkedHashMap<>();
        options.put("run-id", "2026-12-02T04-50-00Z-connections");
        options.put("quick", "true");
        options.put("snapshots", dir.resolve("snap").toString());
        options.put("sessions", sessionsFile.toString());
        options.put("ledger", ledger.toString());
        options.put("gatling-log", log.toString());
        options.put("gatling-status", "0");
        options.put("ready", ready.toString());
        options.put("users", "400");
        options.put("accounts", "40");
        options.put("ramp", "10");
        options.put("hold", "40");
        options.put("heartbeat", "10000");
        options.put("base-url", "http://localhost:8080");
        return options;
    }

    @Test
    void reportsHeapAndRssPerConnectionPerGatewayAndThatEveryConnectionLived() throws IOException {
        //          phase     name       pid   port  sess heapKb  liveBytes     rssKb   thr fds  direct   byte[]s
        gateway("before", "gateway-1", 11, 8081, 0, 40_000, 40_000_000L, 450_000, 60, 40, 100_000, 1000);
        gateway("during", "gateway-1", 11, 8081, 200, 42_000, 42_048_000L, 470_000, 62, 240, 300_000, 1400);
        gateway("after", "gateway-1", 11, 8081, 0, 40_100, 40_100_000L, 470_000, 62, 40, 100_000, 1000);
        gateway("before", "gateway-2", 12, 8082, 0, 40_000, 40_000_000L, 450_000, 60, 40, 100_000, 1000);
        gateway("during", "gateway-2", 12, 8082, 200, 46_000, 46_144_000L, 490_000, 60, 240, 100_000, 1800);

        ConnectionsReport report = new ConnectionsReport(options(), List.of("a note from the script"));
        Map<String, Object> result = report.build(MACHINE);
        JsonNode json = new ObjectMapper().valueToTree(result);

        JsonNode gw1 = json.path("gateways").get(0);
        assertThat(gw1.path("name").asText()).isEqualTo("gateway-1");
        assertThat(gw1.path("delta").path("connections").asDouble()).isEqualTo(200);
        assertThat(gw1.path("perConnection").path("heapKb").asDouble()).isEqualTo(10.0);
        assertThat(gw1.path("perConnection").path("liveObjectsKb").asDouble()).isEqualTo(10.0);
        assertThat(gw1.path("perConnection").path("rssKb").asDouble()).isEqualTo(100.0);
        assertThat(gw1.path("perConnection").path("directBuffersKb").asDouble()).isCloseTo(0.98,
                org.assertj.core.data.Offset.offset(0.01));
        assertThat(gw1.path("perConnection").path("heapTargetMet").asBoolean()).isTrue();
        assertThat(gw1.path("delta").path("threads").asDouble()).isEqualTo(2);
        assertThat(gw1.path("delta").path("fds").asDouble()).isEqualTo(200);
        assertThat(gw1.path("afterClose").path("heapKb").asDouble()).isEqualTo(100);
        assertThat(gw1.path("afterClose").path("heapKbPerClosedConnection").asDouble()).isEqualTo(0.5);
        assertThat(gw1.path("before").path("prometheusHeapUsedKb").asDouble()).isEqualTo(41_024);

        JsonNode gw2 = json.path("gateways").get(1);
        assertThat(gw2.path("perConnection").path("heapKb").asDouble()).isEqualTo(30.0);
        assertThat(gw2.path("perConnection").path("heapTargetMet").asBoolean()).isFalse();
        assertThat(gw2.has("afterClose")).isFalse();

        JsonNode total = json.path("total");
        assertThat(total.path("connections").asDouble()).isEqualTo(400);
        assertThat(total.path("heapKbPerConnection").asDouble()).isEqualTo(20.0);
        assertThat(total.path("rssKbPerConnection").asDouble()).isEqualTo(150.0);
        assertThat(total.path("heapTargetMet").asBoolean()).isFalse();
        assertThat(total.path("gatewaysOverTarget")).extracting(JsonNode::asText).containsExactly("gateway-2");
        JsonNode top = total.path("topHeapGrowthPerConnection").get(0);
        assertThat(top.path("class").asText()).isEqualTo("[B");
        assertThat(top.path("bytesPerConnection").asDouble()).isEqualTo(20_480.0);
        assertThat(top.path("instancesPerConnection").asDouble()).isEqualTo(3.0);

        JsonNode alive = json.path("alive");
        assertThat(alive.path("connected").asLong()).isEqualTo(400);
        assertThat(alive.path("gatlingKo").asLong()).isZero();
        assertThat(alive.path("gatlingOk").asLong()).isEqualTo(1200);
        assertThat(alive.path("hold").path("seconds").asDouble()).isEqualTo(40.0);
        assertThat(alive.path("hold").path("heartbeatIntervals").asDouble()).isEqualTo(4.0);
        assertThat(alive.path("hold").path("sessions").path("stable").asBoolean()).isTrue();
        assertThat(alive.path("hold").path("sessions").path("expected").asDouble()).isEqualTo(400);
        assertThat(alive.path("allAlive").asBoolean()).isTrue();
        assertThat(json.path("timeline").path("setupDoneMillis").asLong()).isEqualTo(START - 25_000);
        assertThat(json.path("notes")).extracting(JsonNode::asText).containsExactly("a note from the script");

        String text = report.text(result);
        assertThat(text).contains("gateway-1  sessions 0 -> 200  heap 39.1 -> 41.0 MB = 10.0 KB/conn")
                .contains("heap 20.0 KB/conn (target <= 15 KB: NOT MET)")
                .contains("RSS 150.0 KB/conn")
                .contains("alive: 400/400 connected, Gatling KO 0")
                .contains("held 40 s = 4 heart-beat intervals")
                .contains("=> every connection stayed alive")
                .doesNotContain("error:");
    }

    @Test
    void aSessionDroppedDuringTheHoldIsNotAlive() throws IOException {
        gateway("before", "gateway-1", 11, 8081, 0, 40_000, 40_000_000L, 450_000, 60, 40, 0, 1000);
        gateway("during", "gateway-1", 11, 8081, 400, 44_000, 44_000_000L, 470_000, 60, 440, 0, 1000);
        Map<String, String> options = options();
        Files.writeString(Path.of(options.get("sessions")), (START + 2000) + "\tgateway-1\t400\n"
                + (START + 4000) + "\tgateway-1\t399\n");

        Map<String, Object> result = new ConnectionsReport(options, List.of()).build(MACHINE);
        JsonNode alive = new ObjectMapper().valueToTree(result).path("alive");

        assertThat(alive.path("hold").path("sessions").path("min").asDouble()).isEqualTo(399);
        assertThat(alive.path("hold").path("sessions").path("stable").asBoolean()).isFalse();
        assertThat(alive.path("allAlive").asBoolean()).isFalse();
    }

    @Test
    void withoutTheSessionsGaugeConnectionsAreCountedByOpenFdsAndSaidSo() throws IOException {
        gateway("before", "gateway-1", 11, 8081, 0, 40_000, 40_000_000L, 450_000, 60, 40, 0, 1000);
        gateway("during", "gateway-1", 11, 8081, 400, 44_000, 44_000_000L, 470_000, 60, 440, 0, 1000);
        for (String phase : List.of("before", "during")) {
            Path prom = dir.resolve("snap").resolve(phase).resolve("gateway-1").resolve("prom.txt");
            Files.writeString(prom, Files.readString(prom).replaceAll("chat_sessions_active\\S* \\S+\\n", ""));
        }

        Map<String, Object> result = new ConnectionsReport(options(), List.of()).build(MACHINE);
        JsonNode json = new ObjectMapper().valueToTree(result);

        assertThat(json.path("gateways").get(0).path("delta").path("connections").asDouble()).isEqualTo(400);
        assertThat(json.path("gateways").get(0).path("perConnection").path("heapKb").asDouble()).isEqualTo(10.0);
        assertThat(json.path("notes")).extracting(JsonNode::asText)
                .anySatisfy(note -> assertThat(note).contains("no chat_sessions_active gauge"));
    }

    @Test
    void aGatewayThatRestartedInBetweenIsNotCounted() throws IOException {
        gateway("before", "gateway-1", 11, 8081, 0, 40_000, 40_000_000L, 450_000, 60, 40, 0, 1000);
        gateway("during", "gateway-1", 99, 8081, 400, 44_000, 44_000_000L, 470_000, 60, 440, 0, 1000);

        Map<String, Object> result = new ConnectionsReport(options(), List.of()).build(MACHINE);
        JsonNode json = new ObjectMapper().valueToTree(result);

        assertThat(json.path("total").path("connections").asDouble()).isZero();
        assertThat(json.path("total").path("heapKbPerConnection").isNull()).isTrue();
        assertThat(json.path("notes")).extracting(JsonNode::asText)
                .anySatisfy(note -> assertThat(note).contains("restarted"));
    }
}
