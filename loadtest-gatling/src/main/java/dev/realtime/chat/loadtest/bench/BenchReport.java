package dev.realtime.chat.loadtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Assembles {@code bench/results/<UTC date-time>.json} and the human summary from what bench/run.sh collected:
 * the simulation's ledger, the Cassandra verifier, /proc samples, the persistence consumer's Prometheus scrape
 * before and after, and the two reference runs (PerfTest output, the Web-STOMP ledger). Every input is optional;
 * a missing one leaves its numbers null and says so in {@code notes}.
 *
 * <pre>
 * java -cp ... dev.realtime.chat.loadtest.bench.BenchReport --out-json F --out-text F --run-id ID [--quick true]
 *   [--ledger F] [--verifier F] [--proc F --clk-tck 100] [--prom-before F --prom-after F]
 *   [--perftest-hop1 F --perftest-hop3 F] [--webstomp F] [--gatling-report DIR] [--webstomp-report DIR]
 *   [--commands F] [--note TEXT]...
 * </pre>
 */
public final class BenchReport {

    static final String PERFTEST_APPROXIMATION = "PerfTest cannot chain hops: reference (a) runs two PerfTest "
            + "instances at the same time on the same broker: hop 1 (+2) = 1 producer -> topic exchange -> 2 durable "
            + "queues (persistent messages, publisher confirms, 1 consumer each: the delivery and the persist "
            + "queue), hop 3 = 1 producer -> direct exchange -> 1 non-durable auto-expiring queue (transient "
            + "messages, confirms, 1 consumer: the per-gateway queue). The chain's rate is the slower of the two "
            + "sending rates. One AMQP message stands for one chat message (200 bytes); the system batches many "
            + "chat messages per AMQP message, so its rate can exceed this reference.";

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, String> options;
    private final List<String> notes = new ArrayList<>();

    BenchReport(Map<String, String> options, List<String> notes) {
        this.options = options;
        this.notes.addAll(notes);
    }

    public static void main(String[] args) throws IOException {
        ReportArgs parsed = ReportArgs.parse(args);
        Map<String, String> options = parsed.options();
        BenchReport report = new BenchReport(options, parsed.notes());
        Map<String, Object> result = report.build(Machine.local());
        String text = report.text(result);
        Path json = Path.of(options.get("out-json"));
        Files.createDirectories(json.toAbsolutePath().getParent());
        result.put("summary", List.of(text.split("\n")));
        report.mapper.writeValue(json.toFile(), result);
        if (options.containsKey("out-text")) {
            Files.writeString(Path.of(options.get("out-text")), text);
        }
        System.out.println(text);
    }

    /** nproc, CPU model, memory of the machine the bench ran on. */
    public record Machine(int nproc, String cpuModel, double memoryGiB, String os, String java) {

        static Machine local() {
            String model = "unknown";
            double memory = 0;
            try {
                for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                    if (line.startsWith("model name")) {
                        model = line.substring(line.indexOf(':') + 1).trim();
                        break;
                    }
                }
                for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                    if (line.startsWith("MemTotal:")) {
                        long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                        memory = Math.round(kb / 1024.0 / 1024.0 * 10) / 10.0;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux: leave unknown
            }
            return new Machine(Runtime.getRuntime().availableProcessors(), model, memory,
                    System.getProperty("os.name") + " " + System.getProperty("os.version"),
                    System.getProperty("java.version"));
        }
    }

    Map<String, Object> build(Machine machine) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", options.get("run-id"));
        out.put("quick", Boolean.parseBoolean(options.getOrDefault("quick", "false")));
        out.put("machine", machine);
        JsonNode ledgerRun = readJson("ledger");
        JsonNode ledger = ledgerRun == null ? null : ledgerRun.path("ledger");
        JsonNode verifier = readJson("verifier");
        out.put("parameters", ledgerRun == null ? null : ledgerRun.path("parameters"));
        out.put("target", ledgerRun == null ? null : ledgerRun.path("baseUrl").asText());

        Map<String, Object> results = new LinkedHashMap<>();
        if (ledger == null) {
            notes.add("no ledger from the throughput simulation: it did not run or did not finish");
        } else {
            results.put("sent", ledger.path("sent").asLong());
            results.put("throttled", ledger.path("throttled").asLong());
            results.put("acknowledged", ledger.path("acked").asLong());
            results.put("unacknowledged", ledger.path("unacked").asLong());
            results.put("failed", ledger.path("failed").asLong());
            results.put("conflictingAcks", ledger.path("conflictingAcks").asLong());
            results.put("errors", ledger.path("errors"));
            results.put("deliveriesDue", ledger.path("expectedDeliveries").asLong());
            results.put("delivered", ledger.path("delivered").asLong());
            results.put("duplicates", ledger.path("duplicates").asLong());
            Map<String, Object> throughput = new LinkedHashMap<>();
            throughput.put("offeredPerSecond", ledger.path("offeredPerSecond").asDouble());
            throughput.put("acceptedPerSecond", ledger.path("ackedPerSecond").asDouble());
            throughput.put("deliveriesPerSecond", ledger.path("deliveriesPerSecond").asDouble());
            results.put("throughput", throughput);
            JsonNode parameters = ledgerRun.path("parameters");
            double configured = parameters.path("users").asDouble() * parameters.path("ratePerUser").asDouble();
            throughput.put("configuredPerSecond", configured);
            if (configured > 0 && ledger.path("offeredPerSecond").asDouble() < 0.9 * configured) {
                notes.add(String.format(Locale.ROOT, "the load generator attempted only %.1f of the configured %.1f "
                        + "msg/s (users x rate): short of CPU, it offered less load than asked",
                        ledger.path("offeredPerSecond").asDouble(), configured));
            }
            results.put("endToEndLatencyMillis", ledger.path("endToEndLatency"));
            results.put("echoLatencyMillis", ledger.path("echoLatency"));
            results.put("ackLatencyMillis", ledger.path("ackLatency"));
        }
        Map<String, Object> lost = new LinkedHashMap<>();
        if (verifier != null) {
            lost.put("total", verifier.path("lost").asLong());
            lost.put("undeliveredToOnlineMember", verifier.path("undelivered").asLong());
            lost.put("notInCassandra", verifier.path("missing").asLong() + verifier.path("mismatched").asLong());
            results.put("persisted", verifier.path("persisted").asLong());
            results.put("storedTwice", verifier.path("storedTwice").asLong());
            results.put("persistenceCheckWaitedMillis", verifier.path("waitedMillis").asLong());
            results.put("lostSample", verifier.path("sample"));
        } else if (ledger != null) {
            lost.put("total", ledger.path("lostMessages").asLong());
            lost.put("undeliveredToOnlineMember", ledger.path("lostMessages").asLong());
            lost.put("notInCassandra", null);
            results.put("persisted", null);
            notes.add("no Cassandra verification: LOST counts undelivered messages only");
        }
        results.put("lost", lost);
        results.put("persistenceLag", persistenceLag());
        out.put("results", results);
        out.put("processes", processes(ledgerRun));
        out.put("references", references(ledger));
        Map<String, Object> files = new LinkedHashMap<>();
        for (String key : List.of("ledger", "verifier", "proc", "webstomp", "gatling-report", "webstomp-report",
                "perftest-hop1", "perftest-hop3")) {
            files.put(key, options.get(key));
        }
        out.put("files", files);
        out.put("commands", options.containsKey("commands") && Files.exists(Path.of(options.get("commands")))
                ? Files.readAllLines(Path.of(options.get("commands"))) : List.of());
        out.put("notes", notes);
        return out;
    }

    private Map<String, Object> persistenceLag() throws IOException {
        Map<String, Object> lag = new LinkedHashMap<>();
        String after = readText("prom-after");
        if (after == null) {
            notes.add("no /actuator/prometheus scrape of the persistence consumer: persistence lag unknown");
            return null;
        }
        PrometheusText end = PrometheusText.parse(after);
        String before = readText("prom-before");
        PrometheusText start = before == null ? PrometheusText.parse("") : PrometheusText.parse(before);
        String name = "chat_persist_lag_seconds";
        Double count = end.sum(name + "_count");
        Double sum = end.sum(name + "_sum");
        if (count == null || sum == null) {
            notes.add("the persistence consumer exposes no chat_persist_lag_seconds timer");
            return null;
        }
        double deltaCount = count - orZero(start.sum(name + "_count"));
        double deltaSum = sum - orZero(start.sum(name + "_sum"));
        lag.put("samples", Math.round(deltaCount));
        lag.put("meanMillis", deltaCount <= 0 ? null : round1(deltaSum / deltaCount * 1000));
        lag.put("maxMillis", millis(end.max(name + "_max")));
        lag.put("p50Millis", millis(end.quantile(name, "0.5")));
        lag.put("p95Millis", millis(end.quantile(name, "0.95")));
        lag.put("p99Millis", millis(end.quantile(name, "0.99")));
        return lag;
    }

    private List<ProcReport.ProcessUsage> processes(JsonNode ledgerRun) throws IOException {
        String tsv = readText("proc");
        if (tsv == null) {
            notes.add("no /proc samples: CPU and RSS unknown");
            return List.of();
        }
        long start = Long.MIN_VALUE;
        long end = Long.MAX_VALUE;
        if (ledgerRun != null && ledgerRun.path("window").has("startMillis")) {
            start = ledgerRun.path("window").path("startMillis").asLong();
            end = ledgerRun.path("window").path("endMillis").asLong();
        }
        ProcReport.Report report = ProcReport.from(tsv, start, end,
                Long.parseLong(options.getOrDefault("clk-tck", "100")));
        machineBusy = report.machine().busyPercent();
        return report.processes();
    }

    private double machineBusy = -1;

    private Map<String, Object> references(JsonNode ours) throws IOException {
        Map<String, Object> references = new LinkedHashMap<>();
        Double oursRate = ours == null ? null : ours.path("ackedPerSecond").asDouble();
        Double oursDeliveries = ours == null ? null : ours.path("deliveriesPerSecond").asDouble();

        String hop1Text = readText("perftest-hop1");
        String hop3Text = readText("perftest-hop3");
        Map<String, Object> perftest = new LinkedHashMap<>();
        if (hop1Text != null && hop3Text != null) {
            PerfTestOutput hop1 = PerfTestOutput.parse(hop1Text);
            PerfTestOutput hop3 = PerfTestOutput.parse(hop3Text);
            perftest.put("hop1", hop1);
            perftest.put("hop3", hop3);
            Double chain = hop1.sendingRate() == null || hop3.sendingRate() == null ? null
                    : Math.min(hop1.sendingRate(), hop3.sendingRate());
            perftest.put("threeHopMessagesPerSecond", chain);
            perftest.put("oursToReference", ratio(oursRate, chain));
            perftest.put("approximation", PERFTEST_APPROXIMATION);
        } else {
            notes.add("reference (a) PerfTest did not run");
        }
        references.put("rabbitmqPerfTest", perftest);

        JsonNode webstompRun = readJson("webstomp");
        Map<String, Object> webstomp = new LinkedHashMap<>();
        if (webstompRun != null) {
            JsonNode ledger = webstompRun.path("ledger");
            webstomp.put("parameters", webstompRun.path("parameters"));
            webstomp.put("sent", ledger.path("sent").asLong());
            webstomp.put("throttled", ledger.path("throttled").asLong());
            webstomp.put("acknowledged", ledger.path("acked").asLong());
            webstomp.put("delivered", ledger.path("delivered").asLong());
            webstomp.put("lostDeliveries", ledger.path("lostDeliveries").asLong());
            webstomp.put("acceptedPerSecond", ledger.path("ackedPerSecond").asDouble());
            webstomp.put("deliveriesPerSecond", ledger.path("deliveriesPerSecond").asDouble());
            webstomp.put("endToEndLatencyMillis", ledger.path("endToEndLatency"));
            webstomp.put("oursToReference", ratio(oursRate, ledger.path("ackedPerSecond").asDouble()));
            webstomp.put("oursToReferenceDeliveries", ratio(oursDeliveries,
                    ledger.path("deliveriesPerSecond").asDouble()));
        } else {
            notes.add("reference (b) Web-STOMP did not run");
        }
        references.put("rabbitmqWebStomp", webstomp);
        return references;
    }

    /** The human summary. */
    @SuppressWarnings("unchecked")
    String text(Map<String, Object> report) {
        StringBuilder out = new StringBuilder();
        Machine machine = (Machine) report.get("machine");
        out.append(String.format(Locale.ROOT, "chat bench %s%s on %d x %s, %.1f GiB%n", report.get("runId"),
                Boolean.TRUE.equals(report.get("quick")) ? " (quick)" : "", machine.nproc(), machine.cpuModel(),
                machine.memoryGiB()));
        Map<String, Object> results = (Map<String, Object>) report.get("results");
        JsonNode parameters = (JsonNode) report.get("parameters");
        if (parameters != null && !parameters.isMissingNode()) {
            out.append(String.format(Locale.ROOT, "throughput scenario against %s: %d users x %s msg/s, groups of "
                    + "%d, %s s measured after %s s warm-up%n", report.get("target"), parameters.path("users").asInt(),
                    parameters.path("ratePerUser").asText(), parameters.path("groupSize").asInt(),
                    parameters.path("durationSeconds").asText(), parameters.path("warmupSeconds").asText()));
        }
        if (results.containsKey("sent")) {
            Map<String, Object> throughput = (Map<String, Object>) results.get("throughput");
            Map<String, Object> lost = (Map<String, Object>) results.get("lost");
            JsonNode e2e = (JsonNode) results.get("endToEndLatencyMillis");
            line(out, "messages sent", results.get("sent") + " (" + throughput.get("offeredPerSecond")
                    + " msg/s offered; " + results.get("throttled") + " sends skipped at the in-flight limit)");
            line(out, "acknowledged", results.get("acknowledged") + " (unacknowledged " + results.get("unacknowledged")
                    + ", failed " + results.get("failed") + ", conflicting acks " + results.get("conflictingAcks") + ", errors "
                    + results.get("errors") + ")");
            line(out, "delivered", results.get("delivered") + " of " + results.get("deliveriesDue")
                    + " due to online members");
            line(out, "LOST", lost.get("total") + " (undelivered to an online member: "
                    + lost.get("undeliveredToOnlineMember") + ", not in Cassandra: " + lost.get("notInCassandra") + ")");
            line(out, "duplicates seen", String.valueOf(results.get("duplicates")));
            line(out, "persisted", results.get("persisted") + " of " + results.get("acknowledged")
                    + " acknowledged (stored twice: " + results.get("storedTwice") + ")");
            line(out, "throughput", "in " + throughput.get("acceptedPerSecond") + " msg/s, out "
                    + throughput.get("deliveriesPerSecond") + " deliveries/s");
            line(out, "end-to-end latency", String.format(Locale.ROOT, "p50 %d ms, p95 %d ms, p99 %d ms, max %d ms "
                    + "(%d deliveries, client send -> member receive)", e2e.path("p50").asLong(),
                    e2e.path("p95").asLong(), e2e.path("p99").asLong(), e2e.path("max").asLong(),
                    e2e.path("count").asLong()));
        }
        Map<String, Object> lag = (Map<String, Object>) results.get("persistenceLag");
        line(out, "persistence lag", lag == null ? "unknown" : "mean " + lag.get("meanMillis") + " ms, p99 "
                + lag.get("p99Millis") + " ms, max " + lag.get("maxMillis") + " ms (chat_persist_lag, "
                + lag.get("samples") + " samples)");
        List<ProcReport.ProcessUsage> processes = (List<ProcReport.ProcessUsage>) report.get("processes");
        if (!processes.isEmpty()) {
            out.append(String.format(Locale.ROOT, "processes during the measured window (CPU %% of one core; "
                    + "machine busy %.1f%% of all cores):%n", machineBusy));
            for (ProcReport.ProcessUsage p : processes) {
                out.append(String.format(Locale.ROOT, "  %-22s pid %-8d cpu %6.1f%%  rss max %7.1f MB%n", p.name(),
                        p.pid(), p.cpuPercent(), p.rssMbMax()));
            }
        }
        Map<String, Object> references = (Map<String, Object>) report.get("references");
        Map<String, Object> perftest = (Map<String, Object>) references.get("rabbitmqPerfTest");
        Map<String, Object> webstomp = (Map<String, Object>) references.get("rabbitmqWebStomp");
        out.append("references on the same machine:\n");
        if (perftest.containsKey("threeHopMessagesPerSecond")) {
            PerfTestOutput hop1 = (PerfTestOutput) perftest.get("hop1");
            PerfTestOutput hop3 = (PerfTestOutput) perftest.get("hop3");
            out.append(String.format(Locale.ROOT, "  (a) RabbitMQ PerfTest, three hops: %s msg/s (hop 1 topic -> 2 "
                    + "durable queues: %s sent, %s received msg/s; hop 3 direct -> transient queue: %s msg/s); ours = "
                    + "%s%n", perftest.get("threeHopMessagesPerSecond"), hop1.sendingRate(), hop1.receivingRate(),
                    hop3.sendingRate(), times(perftest.get("oursToReference"))));
            out.append("      ").append(PERFTEST_APPROXIMATION).append('\n');
        } else {
            out.append("  (a) RabbitMQ PerfTest: not run\n");
        }
        if (webstomp.containsKey("acceptedPerSecond")) {
            JsonNode e2e = (JsonNode) webstomp.get("endToEndLatencyMillis");
            out.append(String.format(Locale.ROOT, "  (b) RabbitMQ Web-STOMP, same Gatling scenario: %s msg/s in, %s "
                    + "deliveries/s out, e2e p50/p99 %d/%d ms, lost deliveries %s; ours = %s (deliveries %s)%n",
                    webstomp.get("acceptedPerSecond"), webstomp.get("deliveriesPerSecond"), e2e.path("p50").asLong(),
                    e2e.path("p99").asLong(), webstomp.get("lostDeliveries"), times(webstomp.get("oursToReference")),
                    times(webstomp.get("oursToReferenceDeliveries"))));
        } else {
            out.append("  (b) RabbitMQ Web-STOMP: not run\n");
        }
        for (String note : notes) {
            out.append("note: ").append(note).append('\n');
        }
        return out.toString();
    }

    private static String times(Object ratio) {
        return ratio == null ? "n/a" : ratio + "x";
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "  %-20s %s%n", label, value));
    }

    private JsonNode readJson(String option) throws IOException {
        String text = readText(option);
        return text == null || text.isBlank() ? null : mapper.readTree(text);
    }

    private String readText(String option) throws IOException {
        String file = options.get(option);
        if (file == null || !Files.exists(Path.of(file))) {
            return null;
        }
        return Files.readString(Path.of(file));
    }

    private static Double ratio(Double ours, Double reference) {
        return ours == null || reference == null || reference <= 0 ? null : Math.round(ours / reference * 1000) / 1000.0;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }

    private static Double millis(Double seconds) {
        return seconds == null ? null : round1(seconds * 1000);
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
