package dev.realtime.chat.loadtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assembles {@code bench/results/<UTC date-time>-connections.json} and its human summary from what
 * bench/connections.sh collected around a {@code ConnectionsSimulation} run: process snapshots of every gateway
 * (and of the nginx workers and the Gatling JVM) before the connections, while all of them are connected and
 * idle, and after they closed; the gateways' {@code chat_sessions_active} gauges sampled through the run; the
 * simulation's ledger (connected, heart-beats, the hold window) and Gatling's console (OK/KO per request).
 *
 * <p>Per gateway: (heap after a full GC while connected - heap after a full GC before) / (sessions while connected
 * - sessions before), in KiB per connection; the same for RSS, live objects (class histogram) and NIO direct
 * buffers. "Alive": every connection connected, no KO, no server heart-beat gap and the sessions gauges unchanged
 * through the hold.
 *
 * <pre>
 * java -cp ... dev.realtime.chat.loadtest.bench.ConnectionsReport --out-json F --out-text F --run-id ID
 *   --snapshots DIR --users N --accounts N --ramp S --hold S --heartbeat MS [--base-url U] [--quick true]
 *   [--sessions F] [--ledger F] [--gatling-log F] [--gatling-status N] [--gatling-report DIR] [--ready F]
 *   [--all-connected-millis M] [--target-kb 15] [--commands F] [--note TEXT]...
 * </pre>
 */
public final class ConnectionsReport {

    static final double DEFAULT_TARGET_KB = 15.0;
    static final int TOP_CLASSES = 12;

    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, String> options;
    private final List<String> notes = new ArrayList<>();

    ConnectionsReport(Map<String, String> options, List<String> notes) {
        this.options = options;
        this.notes.addAll(notes);
    }

    public static void main(String[] args) throws IOException {
        ReportArgs parsed = ReportArgs.parse(args);
        Map<String, String> options = parsed.options();
        ConnectionsReport report = new ConnectionsReport(options, parsed.notes());
        Map<String, Object> result = report.build(BenchReport.Machine.local());
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

    // ---- pure arithmetic (unit-tested) ---------------------------------------------------------------------------

    /** {@code (after - before) / connections}, null when an input is missing or no connection was added. */
    static Double perConnection(Double before, Double after, Double connections) {
        if (before == null || after == null || connections == null || connections <= 0) {
            return null;
        }
        return (after - before) / connections;
    }

    /** One round of the sessions sampler: every gateway's gauge at {@code millis} (null: that scrape failed). */
    record SessionsRound(long millis, Map<String, Double> byGateway) {

        /** The sum over all gateways, or null when one scrape of the round failed. */
        Double total() {
            double sum = 0;
            for (Double value : byGateway.values()) {
                if (value == null) {
                    return null;
                }
                sum += value;
            }
            return byGateway.isEmpty() ? null : sum;
        }
    }

    /** {@code epochMillis TAB gateway TAB value} lines (value {@code NA} when the scrape failed), by round. */
    static List<SessionsRound> parseSessions(String tsv) {
        Map<Long, Map<String, Double>> rounds = new TreeMap<>();
        for (String line : tsv.split("\n")) {
            String[] fields = line.trim().split("\t");
            if (fields.length < 3) {
                continue;
            }
            try {
                long millis = Long.parseLong(fields[0]);
                Double value = fields[2].equals("NA") ? null : Double.valueOf(fields[2]);
                rounds.computeIfAbsent(millis, m -> new LinkedHashMap<>()).put(fields[1], value);
            } catch (NumberFormatException e) {
                // a line cut short by the sampler's end: skip
            }
        }
        List<SessionsRound> out = new ArrayList<>();
        rounds.forEach((millis, values) -> out.add(new SessionsRound(millis, values)));
        return out;
    }

    /**
     * The sessions gauges (summed over the gateways) through the hold window {@code [start, end]}: {@code stable}
     * when every complete round in it shows at least {@code expected} sessions (none of ours went away: sessions of
     * another client on the same stack may add to the count, never hide a drop below it), {@code constant} when
     * the count never changed; null without a sample.
     */
    record Hold(int samples, int incompleteSamples, Double min, Double max, Double first, Double last,
            Boolean stable, Boolean constant) {
    }

    static Hold hold(List<SessionsRound> rounds, long start, long end, double expected) {
        int samples = 0;
        int incomplete = 0;
        Double min = null;
        Double max = null;
        Double first = null;
        Double last = null;
        for (SessionsRound round : rounds) {
            if (round.millis() < start || round.millis() > end) {
                continue;
            }
            Double total = round.total();
            if (total == null) {
                incomplete++;
                continue;
            }
            samples++;
            min = min == null ? total : Math.min(min, total);
            max = max == null ? total : Math.max(max, total);
            first = first == null ? total : first;
            last = total;
        }
        Boolean stable = samples == 0 ? null : min >= expected;
        Boolean constant = samples == 0 ? null : min.equals(max);
        return new Hold(samples, incomplete, min, max, first, last, stable, constant);
    }

    /**
     * Every connection stayed alive: all {@code users} connected, no KO in Gatling, no server heart-beat gap, no
     * STOMP ERROR and (when the gauges were sampled) the sessions stayed at their expected number.
     */
    static boolean allAlive(long users, long connected, Long ko, long heartbeatGaps, long stompErrors,
            Boolean sessionsStable) {
        return connected >= users && ko != null && ko == 0 && heartbeatGaps == 0 && stompErrors == 0
                && !Boolean.FALSE.equals(sessionsStable);
    }

    // ---- assembling the report ------------------------------------------------------------------------------------

    Map<String, Object> build(BenchReport.Machine machine) throws IOException {
        long users = Long.parseLong(options.getOrDefault("users", "0"));
        long accounts = Long.parseLong(options.getOrDefault("accounts", String.valueOf(users)));
        double holdSeconds = Double.parseDouble(options.getOrDefault("hold", "0"));
        long heartbeat = Long.parseLong(options.getOrDefault("heartbeat", "10000"));
        double targetKb = Double.parseDouble(options.getOrDefault("target-kb", String.valueOf(DEFAULT_TARGET_KB)));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runId", options.get("run-id"));
        out.put("quick", Boolean.parseBoolean(options.getOrDefault("quick", "false")));
        out.put("machine", machine);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("baseUrl", options.get("base-url"));
        parameters.put("connections", users);
        parameters.put("accounts", accounts);
        parameters.put("connectionsPerAccount", accounts > 0 ? (users + accounts - 1) / accounts : null);
        parameters.put("rampSeconds", Double.parseDouble(options.getOrDefault("ramp", "0")));
        parameters.put("holdSeconds", holdSeconds);
        parameters.put("heartbeatMillis", heartbeat);
        parameters.put("targetHeapKbPerConnection", targetKb);
        out.put("parameters", parameters);

        Map<String, ProcessSnapshot> before = phase("before");
        Map<String, ProcessSnapshot> during = phase("during");
        Map<String, ProcessSnapshot> after = phase("after");

        // ---- gateways
        List<Map<String, Object>> gateways = new ArrayList<>();
        double sumConnections = 0;
        double sumHeap = 0;
        double sumLive = 0;
        double sumRss = 0;
        double sumDirect = 0;
        boolean heapComplete = true;
        boolean liveComplete = true;
        boolean rssComplete = true;
        boolean directComplete = true;
        Map<String, long[]> growth = new TreeMap<>();
        List<String> overTarget = new ArrayList<>();
        for (Map.Entry<String, ProcessSnapshot> entry : during.entrySet()) {
            ProcessSnapshot now = entry.getValue();
            if (!now.role().equals("gateway")) {
                continue;
            }
            ProcessSnapshot was = before.get(entry.getKey());
            ProcessSnapshot later = after.get(entry.getKey());
            Map<String, Object> gateway = new LinkedHashMap<>();
            gateway.put("name", entry.getKey());
            gateway.put("pid", now.pid());
            gateway.put("port", now.port());
            gateway.put("before", snapshot(was));
            gateway.put("during", snapshot(now));
            gateway.put("after", snapshot(later));
            if (was == null) {
                notes.add(entry.getKey() + ": no snapshot before the connections (started later?): not counted");
                gateways.add(gateway);
                continue;
            }
            if (was.pid() != null && !was.pid().equals(now.pid())) {
                notes.add(entry.getKey() + ": another pid while connected (" + now.pid() + ") than before ("
                        + was.pid() + "): the gateway restarted, not counted");
                gateways.add(gateway);
                continue;
            }
            Double connections = diff(was.sessions(), now.sessions());
            String connectionsFrom = "chat_sessions_active";
            if (connections == null) {
                connections = diff(toDouble(was.fds()), toDouble(now.fds()));
                connectionsFrom = "open fds (no chat_sessions_active gauge)";
                notes.add(entry.getKey() + ": no chat_sessions_active gauge in /actuator/prometheus: connections "
                        + "counted as the growth of its open fds (one socket each)");
            }
            Map<String, Object> delta = new LinkedHashMap<>();
            delta.put("connections", connections);
            delta.put("connectionsFrom", connectionsFrom);
            delta.put("heapKb", diff(was.heapUsedKb(), now.heapUsedKb()));
            delta.put("liveObjectsKb", diff(was.liveObjectsKb(), now.liveObjectsKb()));
            delta.put("rssKb", diff(toDouble(was.rssKb()), toDouble(now.rssKb())));
            delta.put("directBuffersKb", diff(kb(was.directBufferBytes()), kb(now.directBufferBytes())));
            delta.put("threads", diff(toDouble(was.threads()), toDouble(now.threads())));
            delta.put("fds", diff(toDouble(was.fds()), toDouble(now.fds())));
            gateway.put("delta", delta);

            Map<String, Object> per = new LinkedHashMap<>();
            Double heapPer = perConnection(was.heapUsedKb(), now.heapUsedKb(), connections);
            Double livePer = perConnection(was.liveObjectsKb(), now.liveObjectsKb(), connections);
            Double rssPer = perConnection(toDouble(was.rssKb()), toDouble(now.rssKb()), connections);
            Double directPer = perConnection(kb(was.directBufferBytes()), kb(now.directBufferBytes()), connections);
            per.put("heapKb", round2(heapPer));
            per.put("liveObjectsKb", round2(livePer));
            per.put("rssKb", round2(rssPer));
            per.put("directBuffersKb", round2(directPer));
            per.put("heapTargetMet", heapPer == null ? null : heapPer <= targetKb);
            gateway.put("perConnection", per);
            if (heapPer != null && heapPer > targetKb) {
                overTarget.add(entry.getKey());
            }

            if (later != null && connections != null && connections > 0) {
                Map<String, Object> retained = new LinkedHashMap<>();
                retained.put("sessions", later.sessions());
                Double retainedKb = diff(was.heapUsedKb(), later.heapUsedKb());
                retained.put("heapKb", round1(retainedKb));
                retained.put("heapKbPerClosedConnection", round2(retainedKb == null ? null
                        : retainedKb / connections));
                retained.put("threads", later.threads());
                retained.put("fds", later.fds());
                gateway.put("afterClose", retained);
            }

            if (connections != null && connections > 0) {
                sumConnections += connections;
                Double heap = diff(was.heapUsedKb(), now.heapUsedKb());
                Double live = diff(was.liveObjectsKb(), now.liveObjectsKb());
                Double rss = diff(toDouble(was.rssKb()), toDouble(now.rssKb()));
                Double direct = diff(kb(was.directBufferBytes()), kb(now.directBufferBytes()));
                heapComplete &= heap != null;
                liveComplete &= live != null;
                rssComplete &= rss != null;
                directComplete &= direct != null;
                sumHeap += heap == null ? 0 : heap;
                sumLive += live == null ? 0 : live;
                sumRss += rss == null ? 0 : rss;
                sumDirect += direct == null ? 0 : direct;
                if (was.histogram() != null && now.histogram() != null) {
                    for (JcmdOutput.Growth g : JcmdOutput.topGrowth(was.histogram(), now.histogram(),
                            Integer.MAX_VALUE)) {
                        long[] sum = growth.computeIfAbsent(g.className(), c -> new long[2]);
                        sum[0] += g.bytes();
                        sum[1] += g.instances();
                    }
                }
            }
            gateways.add(gateway);
        }
        if (gateways.isEmpty()) {
            notes.add("no gateway snapshot while connected: nothing measured on the gateways");
        }
        out.put("gateways", gateways);

        Map<String, Object> total = new LinkedHashMap<>();
        total.put("connections", sumConnections);
        Double heapPer = sumConnections > 0 && heapComplete ? sumHeap / sumConnections : null;
        total.put("heapKbPerConnection", round2(heapPer));
        total.put("liveObjectsKbPerConnection", round2(sumConnections > 0 && liveComplete
                ? sumLive / sumConnections : null));
        total.put("rssKbPerConnection", round2(sumConnections > 0 && rssComplete ? sumRss / sumConnections : null));
        total.put("directBuffersKbPerConnection", round2(sumConnections > 0 && directComplete
                ? sumDirect / sumConnections : null));
        total.put("heapTargetMet", heapPer == null ? null : heapPer <= targetKb);
        total.put("gatewaysOverTarget", overTarget);
        List<Map<String, Object>> top = new ArrayList<>();
        if (sumConnections > 0) {
            double connectionsAdded = sumConnections;
            growth.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                    .limit(TOP_CLASSES)
                    .forEach(e -> {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("class", e.getKey());
                        row.put("bytesPerConnection", round1(e.getValue()[0] / connectionsAdded));
                        row.put("instancesPerConnection", round2(e.getValue()[1] / connectionsAdded));
                        top.add(row);
                    });
        }
        total.put("topHeapGrowthPerConnection", top);
        out.put("total", total);

        // ---- alive
        JsonNode ledgerRun = readJson("ledger");
        JsonNode connectionsNode = ledgerRun == null ? null : ledgerRun.path("connections");
        if (ledgerRun == null) {
            notes.add("no ledger from ConnectionsSimulation: it did not run or did not finish");
        }
        GatlingConsole.Summary console = null;
        if (options.containsKey("gatling-log") && Files.isRegularFile(Path.of(options.get("gatling-log")))) {
            console = GatlingConsole.parse(Files.readString(Path.of(options.get("gatling-log"))));
            if (console.global() == null) {
                notes.add("Gatling printed no request counters (did it start?)");
            }
        }
        Map<String, Object> alive = new LinkedHashMap<>();
        long connected = connectionsNode == null ? 0 : connectionsNode.path("connected").asLong();
        long gaps = connectionsNode == null ? 0 : connectionsNode.path("serverHeartbeatGaps").asLong();
        long stompErrors = connectionsNode == null ? 0 : connectionsNode.path("stompErrors").asLong();
        alive.put("expectedConnections", users);
        alive.put("connected", connected);
        alive.put("serverHeartbeatGaps", gaps);
        alive.put("stompErrors", stompErrors);
        alive.put("heartbeatsReceived", connectionsNode == null ? null : connectionsNode.path("heartbeatsReceived")
                .asLong());
        alive.put("heartbeatsSent", connectionsNode == null ? null : connectionsNode.path("heartbeatsSent").asLong());
        Long ko = console == null || console.global() == null ? null : console.global().ko();
        alive.put("gatlingOk", console == null || console.global() == null ? null : console.global().ok());
        alive.put("gatlingKo", ko);
        alive.put("requests", console == null ? Map.of() : console.requests());
        alive.put("errors", console == null ? Map.of() : console.errors());
        alive.put("gatlingExitStatus", options.containsKey("gatling-status")
                ? Integer.parseInt(options.get("gatling-status")) : null);

        double sessionsBefore = 0;
        boolean sessionsKnown = !before.isEmpty();
        for (ProcessSnapshot snapshot : before.values()) {
            if (snapshot.role().equals("gateway")) {
                if (snapshot.sessions() == null) {
                    sessionsKnown = false;
                } else {
                    sessionsBefore += snapshot.sessions();
                }
            }
        }
        Map<String, Object> holdOut = new LinkedHashMap<>();
        Boolean stable = null;
        if (ledgerRun != null) {
            long start = ledgerRun.path("window").path("startMillis").asLong();
            long end = ledgerRun.path("window").path("endMillis").asLong();
            holdOut.put("startMillis", start);
            holdOut.put("endMillis", end);
            holdOut.put("seconds", round1((end - start) / 1000.0));
            holdOut.put("heartbeatIntervals", heartbeat > 0 ? round1((end - start) / (double) heartbeat) : null);
            if (end > start && heartbeat > 0 && end - start < 3 * heartbeat) {
                notes.add("the hold was shorter than three heart-beat intervals: a silent server would not be "
                        + "noticed (CONN_HOLD)");
            }
            if (options.containsKey("sessions") && sessionsKnown
                    && Files.isRegularFile(Path.of(options.get("sessions")))) {
                List<SessionsRound> rounds = parseSessions(Files.readString(Path.of(options.get("sessions"))));
                double expected = sessionsBefore + users;
                Hold hold = hold(rounds, start, end, expected);
                stable = hold.stable();
                Map<String, Object> sessions = new LinkedHashMap<>();
                sessions.put("expected", expected);
                sessions.put("samples", hold.samples());
                sessions.put("incompleteSamples", hold.incompleteSamples());
                sessions.put("min", hold.min());
                sessions.put("max", hold.max());
                sessions.put("first", hold.first());
                sessions.put("last", hold.last());
                sessions.put("stable", hold.stable());
                sessions.put("constant", hold.constant());
                holdOut.put("sessions", sessions);
                if (hold.max() != null && hold.max() > expected) {
                    notes.add(String.format(Locale.ROOT, "up to %.0f sessions during the hold, %.0f expected: another "
                            + "client used the gateways at the same time, so the figures while connected include its "
                            + "sessions and its load", hold.max(), expected));
                }
                if (hold.samples() == 0) {
                    notes.add("no complete sample of the sessions gauges inside the hold window");
                }
            } else {
                notes.add("the sessions gauges were not sampled (or a gateway has no chat_sessions_active): "
                        + "alive is judged by Gatling alone");
            }
        }
        alive.put("hold", holdOut);
        alive.put("allAlive", ledgerRun != null && allAlive(users, connected, ko, gaps, stompErrors, stable));
        out.put("alive", alive);

        // ---- timeline and clients
        Map<String, Object> timeline = new LinkedHashMap<>();
        Long ready = readyMillis();
        timeline.put("setupDoneMillis", ready);
        timeline.put("beforeSnapshot", span(before));
        timeline.put("allConnectedMillis", options.containsKey("all-connected-millis")
                ? Long.parseLong(options.get("all-connected-millis")) : null);
        timeline.put("duringSnapshot", span(during));
        timeline.put("afterSnapshot", span(after));
        out.put("timeline", timeline);
        checkTimeline(ledgerRun, during);

        Map<String, Object> clients = new LinkedHashMap<>();
        List<Map<String, Object>> nginx = new ArrayList<>();
        for (Map.Entry<String, ProcessSnapshot> entry : during.entrySet()) {
            ProcessSnapshot now = entry.getValue();
            if (now.role().equals("gatling")) {
                clients.put("gatling", snapshot(now));
            } else if (now.role().equals("nginx")) {
                Map<String, Object> worker = new LinkedHashMap<>();
                worker.put("name", entry.getKey());
                worker.put("before", snapshot(before.get(entry.getKey())));
                worker.put("during", snapshot(now));
                nginx.add(worker);
            }
        }
        clients.put("nginxWorkers", nginx);
        out.put("clients", clients);
        out.put("gatlingReport", options.get("gatling-report"));
        if (options.containsKey("commands") && Files.isRegularFile(Path.of(options.get("commands")))) {
            out.put("commands", Files.readAllLines(Path.of(options.get("commands"))));
        }
        out.put("notes", notes);
        return out;
    }

    private void checkTimeline(JsonNode ledgerRun, Map<String, ProcessSnapshot> during) {
        if (ledgerRun == null || during.isEmpty()) {
            return;
        }
        long end = ledgerRun.path("window").path("endMillis").asLong();
        Map<String, Object> span = span(during);
        Object last = span.get("endMillis");
        if (last instanceof Long l && end > 0 && l > end) {
            notes.add("the snapshot while connected ended " + (l - end) + " ms after the hold: some connections may "
                    + "have been closing (raise CONN_HOLD)");
        }
    }

    private Long readyMillis() throws IOException {
        String file = options.get("ready");
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            return null;
        }
        String[] fields = Files.readString(Path.of(file)).trim().split("\\s+");
        try {
            return Long.parseLong(fields[0]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, Object> span(Map<String, ProcessSnapshot> phase) {
        Long start = null;
        Long end = null;
        for (ProcessSnapshot snapshot : phase.values()) {
            if (snapshot.startMillis() != null) {
                start = start == null ? snapshot.startMillis() : Math.min(start, snapshot.startMillis());
            }
            if (snapshot.endMillis() != null) {
                end = end == null ? snapshot.endMillis() : Math.max(end, snapshot.endMillis());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("startMillis", start);
        out.put("endMillis", end);
        return out;
    }

    private Map<String, ProcessSnapshot> phase(String name) throws IOException {
        Map<String, ProcessSnapshot> out = new TreeMap<>();
        String root = options.get("snapshots");
        if (root == null) {
            return out;
        }
        Path dir = Path.of(root, name);
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path process : stream) {
                if (Files.isDirectory(process)) {
                    ProcessSnapshot snapshot = ProcessSnapshot.read(process);
                    out.put(snapshot.name(), snapshot);
                }
            }
        }
        return out;
    }

    private static Map<String, Object> snapshot(ProcessSnapshot s) {
        if (s == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pid", s.pid());
        out.put("atMillis", s.endMillis());
        if (s.role().equals("gateway")) {
            out.put("sessions", s.sessions());
            out.put("heapUsedKb", s.heapUsedKb());
            out.put("heapCommittedKb", s.heap() == null ? null : s.heap().committedKb());
            out.put("heapFrom", s.heap() != null ? "GC.heap_info after GC.run"
                    : s.prometheusHeapUsedBytes() != null ? "jvm_memory_used_bytes{area=heap}" : null);
            out.put("liveObjectsKb", round1(s.liveObjectsKb()));
            out.put("prometheusHeapUsedKb", round1(kb(s.prometheusHeapUsedBytes())));
            out.put("directBuffersKb", round1(kb(s.directBufferBytes())));
        }
        out.put("rssKb", s.rssKb());
        out.put("rssAnonKb", s.rssAnonKb());
        out.put("threads", s.threads());
        out.put("fds", s.fds());
        out.put("maxOpenFiles", s.maxOpenFiles());
        return out;
    }

    private JsonNode readJson(String option) throws IOException {
        String file = options.get(option);
        if (file == null || !Files.isRegularFile(Path.of(file))) {
            return null;
        }
        return mapper.readTree(Path.of(file).toFile());
    }

    // ---- the human summary -----------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    String text(Map<String, Object> report) {
        StringBuilder out = new StringBuilder();
        BenchReport.Machine machine = (BenchReport.Machine) report.get("machine");
        Map<String, Object> parameters = (Map<String, Object>) report.get("parameters");
        out.append(String.format(Locale.ROOT, "connections bench %s%s on %d x %s, %.1f GiB%n", report.get("runId"),
                Boolean.TRUE.equals(report.get("quick")) ? " (quick)" : "", machine.nproc(), machine.cpuModel(),
                machine.memoryGiB()));
        out.append(String.format(Locale.ROOT, "%s connections (%s accounts x up to %s sessions) over %s s via %s, "
                + "held %s s, heart-beat %s ms%n", parameters.get("connections"), parameters.get("accounts"),
                parameters.get("connectionsPerAccount"), num(parameters.get("rampSeconds")),
                parameters.get("baseUrl"), num(parameters.get("holdSeconds")), parameters.get("heartbeatMillis")));
        out.append("per gateway, after a forced full GC (while connected minus before; per added session):\n");
        for (Map<String, Object> gateway : (List<Map<String, Object>>) report.get("gateways")) {
            Map<String, Object> was = (Map<String, Object>) gateway.get("before");
            Map<String, Object> now = (Map<String, Object>) gateway.get("during");
            Map<String, Object> per = (Map<String, Object>) gateway.get("perConnection");
            Map<String, Object> delta = (Map<String, Object>) gateway.get("delta");
            if (per == null || was == null || now == null) {
                out.append(String.format(Locale.ROOT, "  %-10s not measured%n", gateway.get("name")));
                continue;
            }
            out.append(String.format(Locale.ROOT, "  %-10s sessions %s -> %s  heap %s -> %s MB = %s KB/conn  "
                    + "(live objects %s KB)  RSS %s -> %s MB = %s KB/conn  threads %s -> %s  fds %s -> %s%n",
                    gateway.get("name"), num(was.get("sessions")), num(now.get("sessions")), mb(was.get("heapUsedKb")),
                    mb(now.get("heapUsedKb")), dec(per.get("heapKb")), dec(per.get("liveObjectsKb")),
                    mb(was.get("rssKb")), mb(now.get("rssKb")), dec(per.get("rssKb")), num(was.get("threads")),
                    num(now.get("threads")), num(was.get("fds")), num(now.get("fds"))));
            if (delta != null && !"chat_sessions_active".equals(delta.get("connectionsFrom"))) {
                out.append("             (connections counted from " + delta.get("connectionsFrom") + ")\n");
            }
        }
        Map<String, Object> total = (Map<String, Object>) report.get("total");
        Object met = total.get("heapTargetMet");
        out.append(String.format(Locale.ROOT, "  all        +%s sessions: heap %s KB/conn (target <= %s KB: %s), "
                + "live objects %s KB/conn, RSS %s KB/conn, direct buffers %s KB/conn%n",
                num(total.get("connections")), dec(total.get("heapKbPerConnection")),
                num(parameters.get("targetHeapKbPerConnection")), met == null ? "not measured"
                        : Boolean.TRUE.equals(met) ? "met" : "NOT MET", dec(total.get("liveObjectsKbPerConnection")),
                dec(total.get("rssKbPerConnection")), dec(total.get("directBuffersKbPerConnection"))));
        List<Map<String, Object>> top = (List<Map<String, Object>>) total.get("topHeapGrowthPerConnection");
        if (top != null && !top.isEmpty()) {
            StringBuilder classes = new StringBuilder();
            for (int i = 0; i < Math.min(6, top.size()); i++) {
                Map<String, Object> row = top.get(i);
                classes.append(i == 0 ? "" : ", ").append(row.get("class")).append(' ')
                        .append(num(row.get("bytesPerConnection"))).append(" B");
            }
            out.append("  heap growth per connection by class: ").append(classes).append('\n');
        }
        for (Map<String, Object> gateway : (List<Map<String, Object>>) report.get("gateways")) {
            Map<String, Object> closed = (Map<String, Object>) gateway.get("afterClose");
            if (closed != null) {
                out.append(String.format(Locale.ROOT, "  %-10s after the connections closed: sessions %s, heap %s KB "
                        + "above before (%s KB per closed connection), threads %s%n", gateway.get("name"),
                        num(closed.get("sessions")), num(closed.get("heapKb")),
                        dec(closed.get("heapKbPerClosedConnection")), num(closed.get("threads"))));
            }
        }
        Map<String, Object> alive = (Map<String, Object>) report.get("alive");
        Map<String, Object> hold = (Map<String, Object>) alive.get("hold");
        Map<String, Object> sessions = hold == null ? null : (Map<String, Object>) hold.get("sessions");
        out.append(String.format(Locale.ROOT, "alive: %s/%s connected, Gatling KO %s (OK %s), server heart-beat "
                + "gaps %s, STOMP errors %s, heart-beats in/out %s/%s; held %s s = %s heart-beat intervals%n",
                alive.get("connected"), alive.get("expectedConnections"), num(alive.get("gatlingKo")),
                num(alive.get("gatlingOk")), alive.get("serverHeartbeatGaps"), alive.get("stompErrors"),
                num(alive.get("heartbeatsReceived")), num(alive.get("heartbeatsSent")),
                hold == null ? "-" : num(hold.get("seconds")), hold == null ? "-" : num(hold.get("heartbeatIntervals"))));
        if (sessions != null) {
            out.append(String.format(Locale.ROOT, "  sessions gauges through the hold: min %s, max %s, last %s "
                    + "(expected %s, %s samples): %s%n", num(sessions.get("min")), num(sessions.get("max")),
                    num(sessions.get("last")), num(sessions.get("expected")), sessions.get("samples"),
                    sessions.get("stable") == null ? "not sampled" : !Boolean.TRUE.equals(sessions.get("stable"))
                            ? "BELOW EXPECTED: connections were lost" : Boolean.TRUE.equals(sessions.get("constant"))
                            ? "stable" : "never below expected (others came and went)"));
        }
        Map<String, Object> errors = (Map<String, Object>) alive.get("errors");
        if (errors != null && !errors.isEmpty()) {
            errors.forEach((message, count) -> out.append("  error: ").append(message).append(" x").append(count)
                    .append('\n'));
        }
        out.append("  => ").append(Boolean.TRUE.equals(alive.get("allAlive")) ? "every connection stayed alive"
                : "NOT every connection stayed alive").append('\n');
        Map<String, Object> clients = (Map<String, Object>) report.get("clients");
        Map<String, Object> gatling = (Map<String, Object>) clients.get("gatling");
        if (gatling != null) {
            out.append(String.format(Locale.ROOT, "clients: Gatling JVM RSS %s MB, %s threads, %s fds (limit %s)%n",
                    mb(gatling.get("rssKb")), num(gatling.get("threads")), num(gatling.get("fds")),
                    num(gatling.get("maxOpenFiles"))));
        }
        for (Map<String, Object> worker : (List<Map<String, Object>>) clients.get("nginxWorkers")) {
            Map<String, Object> now = (Map<String, Object>) worker.get("during");
            out.append(String.format(Locale.ROOT, "  %s: RSS %s MB, %s fds (limit %s)%n", worker.get("name"),
                    mb(now.get("rssKb")), num(now.get("fds")), num(now.get("maxOpenFiles"))));
        }
        List<String> reportNotes = (List<String>) report.get("notes");
        if (!reportNotes.isEmpty()) {
            out.append("notes:\n");
            reportNotes.forEach(note -> out.append("  - ").append(note).append('\n'));
        }
        return out.toString();
    }

    private static String num(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue())
                    : String.format(Locale.ROOT, "%.1f", d);
        }
        return String.valueOf(value);
    }

    /** One decimal always (KB per connection). */
    private static String dec(Object value) {
        return value instanceof Number n ? String.format(Locale.ROOT, "%.1f", n.doubleValue()) : "-";
    }

    private static String mb(Object kb) {
        if (!(kb instanceof Number n)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f", n.doubleValue() / 1024);
    }

    private static Double diff(Double before, Double after) {
        return before == null || after == null ? null : after - before;
    }

    private static Double toDouble(Long value) {
        return value == null ? null : value.doubleValue();
    }

    private static Double kb(Double bytes) {
        return bytes == null ? null : bytes / 1024;
    }

    private static Double round1(Double value) {
        return value == null ? null : Math.round(value * 10) / 10.0;
    }

    private static Double round2(Double value) {
        return value == null ? null : Math.round(value * 100) / 100.0;
    }
}
