package dev.realtime.chat.loadtest.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.realtime.chat.loadtest.ledger.DeliveryLedger;
import dev.realtime.chat.loadtest.ledger.LedgerSummary;
import dev.realtime.chat.model.codec.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The state one simulation shares between its populations (setup, then the measured users): accounts, created
 * conversations, the timeline and the {@link DeliveryLedger}.
 */
final class BenchRun {

    /** A registered, logged-in user. */
    record Account(String username, String userId, String token) {

        @Override
        public String toString() {
            return "Account[" + username + "]";
        }
    }

    final String scenario;
    final BenchConfig config;
    final BenchPlan plan;
    final DeliveryLedger ledger;
    final AtomicReferenceArray<Account> accounts;
    /** ledger conversation index per plan spec, -1 until created */
    private final AtomicIntegerArray conversationOfSpec;
    final AtomicInteger registerCounter = new AtomicInteger();
    final AtomicInteger conversationCounter = new AtomicInteger();
    final AtomicInteger userCounter = new AtomicInteger();
    private final AtomicLong mainStart = new AtomicLong();
    final LongAdder connected = new LongAdder();
    final LongAdder reconnects = new LongAdder();
    final LongAdder heartbeatsIn = new LongAdder();
    final LongAdder heartbeatsOut = new LongAdder();
    final LongAdder heartbeatGaps = new LongAdder();
    final LongAdder stompErrors = new LongAdder();
    final LongAdder malformedFrames = new LongAdder();
    final LongAdder events = new LongAdder();
    final LongAdder resyncEvents = new LongAdder();
    final LongAdder historyLoads = new LongAdder();

    BenchRun(String scenario, BenchConfig config, boolean liveExpectations) {
        this.scenario = scenario;
        this.config = config;
        this.plan = BenchPlan.of(config.users(), config.groupSize());
        this.ledger = new DeliveryLedger(config.run(), config.users(), liveExpectations);
        this.accounts = new AtomicReferenceArray<>(config.users());
        this.everOnline = new AtomicIntegerArray(config.users());
        this.conversationOfSpec = new AtomicIntegerArray(plan.conversations().size());
        for (int i = 0; i < plan.conversations().size(); i++) {
            conversationOfSpec.set(i, -1);
        }
        if (config.rabbit()) {
            // No REST, no accounts: a conversation is a routing key of amq.topic.
            for (BenchPlan.Spec spec : plan.conversations()) {
                created(spec.index(), "bench." + config.run() + ".c" + spec.index(), 0);
            }
        }
    }

    void created(int specIndex, String conversationId, long lastSeq) {
        int index = ledger.addConversation(conversationId, plan.spec(specIndex).members(), lastSeq);
        conversationOfSpec.set(specIndex, index);
    }

    /** Ledger indices of the user's conversations that exist. */
    int[] conversationsOf(int user) {
        return java.util.Arrays.stream(plan.conversationsOfUser()[user]).map(conversationOfSpec::get)
                .filter(i -> i >= 0).toArray();
    }

    /** Ledger index of the user's group conversation, or -1. */
    int groupOf(int user) {
        for (int spec : plan.conversationsOfUser()[user]) {
            if (plan.spec(spec).type() == BenchPlan.Type.GROUP) {
                return conversationOfSpec.get(spec);
            }
        }
        return -1;
    }

    /** Longest wait, after the ramp, for every user to be online before the warm-up starts anyway. */
    static final long CONNECT_GRACE_MILLIS = 60_000;

    private final AtomicIntegerArray everOnline;
    private final AtomicInteger onlineUsers = new AtomicInteger();
    private final AtomicInteger unusableUsers = new AtomicInteger();
    private volatile boolean windowFixed;

    /** The first measured user to start starts the timeline. */
    void startMain(long nowMillis) {
        mainStart.compareAndSet(0, nowMillis);
    }

    /** A user connected and subscribed (first time only counts towards "everybody is online"). */
    void online(int user, long nowMillis) {
        ledger.online(user, nowMillis);
        if (everOnline.compareAndSet(user, 0, 1)) {
            onlineUsers.incrementAndGet();
        }
        maybeFixWindow(nowMillis);
    }

    /** A user that will never come online (no account, no conversation, connect failed). */
    void unusable(int user, long nowMillis) {
        if (user >= 0 && user < config.users() && everOnline.compareAndSet(user, 0, 2)) {
            unusableUsers.incrementAndGet();
        }
        maybeFixWindow(nowMillis);
    }

    /**
     * The measured window: warm-up after every user is online (or, at the latest, {@link #CONNECT_GRACE_MILLIS}
     * after the ramp), then {@code duration}; never before the ramp is over. Slow connects thus never eat into it.
     */
    private void maybeFixWindow(long nowMillis) {
        if (windowFixed) {
            return;
        }
        long t0 = mainStart.get();
        if (t0 == 0) {
            return;
        }
        long rampEnd = t0 + config.ramp().toMillis();
        boolean everybody = onlineUsers.get() + unusableUsers.get() >= config.users();
        if (!everybody && nowMillis < rampEnd + CONNECT_GRACE_MILLIS) {
            return;
        }
        synchronized (this) {
            if (!windowFixed) {
                long start = Math.max(nowMillis, rampEnd) + config.warmup().toMillis();
                ledger.measureWindow(start, start + config.duration().toMillis());
                windowFixed = true;
            }
        }
    }

    /** End of the send window; far away while users are still connecting. */
    long sendEnd() {
        maybeFixWindow(System.currentTimeMillis());
        return windowFixed ? ledger.measureEnd() : Long.MAX_VALUE;
    }

    boolean drainFinished(long nowMillis) {
        long end = sendEnd();
        if (end == Long.MAX_VALUE) {
            return false;
        }
        return nowMillis >= end + config.drain().toMillis() || (nowMillis >= end + 300 && ledger.settled());
    }

    /** Writes {@code <prefix>.ledger.raw} (JSON) and, for the chat target, {@code <prefix>.acked.raw}. */
    Map<String, Object> finish() {
        LedgerSummary summary = ledger.summarize();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        out.put("target", config.target());
        out.put("baseUrl", config.baseUrl());
        out.put("finishedAt", Instant.now().toString());
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("users", config.users());
        parameters.put("accounts", config.accounts());
        parameters.put("connectionsPerAccount", config.connectionsPerAccount());
        parameters.put("ratePerUser", config.ratePerUser());
        parameters.put("durationSeconds", config.duration().toMillis() / 1000.0);
        parameters.put("warmupSeconds", config.warmup().toMillis() / 1000.0);
        parameters.put("rampSeconds", config.ramp().toMillis() / 1000.0);
        parameters.put("groupSize", config.groupSize());
        parameters.put("groupShare", config.groupShare());
        parameters.put("messageSize", config.messageSize());
        parameters.put("heartbeatMillis", config.heartbeat());
        parameters.put("maxInFlight", config.maxInFlight());
        out.put("parameters", parameters);
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("startMillis", ledger.measureStart());
        window.put("endMillis", ledger.measureEnd());
        out.put("window", window);
        Map<String, Object> connections = new LinkedHashMap<>();
        connections.put("connected", connected.sum());
        connections.put("reconnects", reconnects.sum());
        connections.put("heartbeatsReceived", heartbeatsIn.sum());
        connections.put("heartbeatsSent", heartbeatsOut.sum());
        connections.put("serverHeartbeatGaps", heartbeatGaps.sum());
        connections.put("stompErrors", stompErrors.sum());
        connections.put("malformedFrames", malformedFrames.sum());
        connections.put("events", events.sum());
        connections.put("resyncEvents", resyncEvents.sum());
        connections.put("historyLoads", historyLoads.sum());
        out.put("connections", connections);
        out.put("ledger", summary);
        try {
            if (config.resultsPrefix().toAbsolutePath().getParent() != null) {
                Files.createDirectories(config.resultsPrefix().toAbsolutePath().getParent());
            }
            long acked = 0;
            if (!config.rabbit()) {
                acked = ledger.writeAcked(config.ackedFile());
                out.put("ackedFile", config.ackedFile().toAbsolutePath().toString());
            }
            out.put("ackedLines", acked);
            ObjectMapper mapper = JsonCodec.configure(new ObjectMapper()).enable(SerializationFeature.INDENT_OUTPUT);
            mapper.writeValue(config.ledgerFile().toFile(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's results", e);
        }
        System.out.printf("%n[bench] %s/%s run %s: sent=%d throttled=%d acked=%d delivered=%d/%d lostDeliveries=%d "
                + "lostMessages=%d duplicates=%d seqGaps=%d in=%.1f msg/s out=%.1f deliveries/s e2e p50/p95/p99/max="
                + "%d/%d/%d/%d ms -> %s%n", scenario, config.target(), config.run(), summary.sent(), summary.throttled(), summary.acked(),
                summary.delivered(), summary.expectedDeliveries(), summary.lostDeliveries(), summary.lostMessages(),
                summary.duplicates(), summary.seqGaps(), summary.ackedPerSecond(), summary.deliveriesPerSecond(),
                summary.endToEndLatency().p50(), summary.endToEndLatency().p95(), summary.endToEndLatency().p99(),
                summary.endToEndLatency().max(), config.ledgerFile().toAbsolutePath());
        return out;
    }
}
