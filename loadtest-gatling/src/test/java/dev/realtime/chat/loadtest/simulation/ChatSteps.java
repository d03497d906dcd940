package dev.realtime.chat.loadtest.simulation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.exitHereIf;
import static io.gatling.javaapi.core.CoreDsl.exitHereIfFailed;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.loadtest.ledger.ClientMessageIds;
import dev.realtime.chat.loadtest.ledger.DeliveryLedger;
import dev.realtime.chat.loadtest.stomp.StompFrame;
import dev.realtime.chat.loadtest.stomp.StompFrames;
import dev.realtime.chat.loadtest.stomp.StompParseException;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.model.wire.ConversationType;
import dev.realtime.chat.model.wire.ConversationView;
import dev.realtime.chat.model.wire.CreateConversation;
import dev.realtime.chat.model.wire.Credentials;
import dev.realtime.chat.model.wire.LoginResponse;
import dev.realtime.chat.model.wire.MessageAck;
import dev.realtime.chat.model.wire.MessagePage;
import dev.realtime.chat.model.wire.SendMessage;
import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The building blocks of the simulations: REST setup (register, login, create conversations), STOMP connect and
 * subscribe, the paced send loop, the processing of every inbound frame into the {@link DeliveryLedger} and
 * Gatling's statistics ({@link StatsBridge}), drain, history sync and disconnect.
 */
final class ChatSteps {

    static final String E2E = "chat.send e2e";
    static final String ACK = "chat.send ack";
    static final String LOST = "chat.delivery lost";
    static final String GAP = "chat.history gap";

    private static final String USER = "idx";
    /** the account the user connects as: its own ({@link #claimUser}) or a shared one ({@link #claimConnection}) */
    private static final String ACCOUNT = "account";
    private static final String LAST_INBOUND = "lastInbound";

    private final BenchRun bench;
    private final BenchConfig config;
    private final DeliveryLedger ledger;
    private final String padding;

    ChatSteps(BenchRun bench) {
        this.bench = bench;
        this.config = bench.config;
        this.ledger = bench.ledger;
        this.padding = "x".repeat(config.messageSize());
    }

    HttpProtocolBuilder protocol() {
        return http.baseUrl(config.baseUrl())
                .wsBaseUrl(config.wsBaseUrl())
                .acceptHeader("application/json")
                .wsUnmatchedInboundMessageBufferSize(config.bufferSize())
                // no request to the outside world before the run
                .disableWarmUp()
                .disableCaching();
    }

    /** Setup populations (chat target only) chained before {@code main}: register+login, then conversations. */
    PopulationBuilder withSetup(PopulationBuilder main) {
        if (config.rabbit()) {
            return main;
        }
        int users = config.users();
        int conversations = bench.plan.conversations().size();
        // at least a second: shorter ramps inject nobody (see Injection.ramp)
        Duration registerSpan = Duration.ofMillis(Math.max(1000, Math.round(users * 1000 / config.setupRate())));
        Duration conversationSpan = Duration.ofMillis(Math.max(1000,
                Math.round(conversations * 1000 / config.setupRate())));
        return registerScenario().injectOpen(rampUsers(users).during(registerSpan))
                .andThen(conversationScenario().injectOpen(rampUsers(conversations).during(conversationSpan))
                        .andThen(main));
    }

    /**
     * Connections scenario (chat target): registers and logs in {@code accounts} accounts only, no conversations,
     * before {@code main}; users then share them ({@link #claimConnection}).
     */
    PopulationBuilder withAccountSetup(PopulationBuilder main) {
        PopulationBuilder afterSetup = config.readyFile() == null ? main
                : readyScenario().injectOpen(atOnceUsers(1)).andThen(main);
        if (config.rabbit()) {
            return afterSetup;
        }
        int accounts = config.accounts();
        Duration registerSpan = Duration.ofMillis(Math.max(1000, Math.round(accounts * 1000 / config.setupRate())));
        return registerScenario().injectOpen(rampUsers(accounts).during(registerSpan)).andThen(afterSetup);
    }

    /** Writes {@code ready.file}: {@code <epoch millis> <accounts logged in>}, once the setup is done. */
    private io.gatling.javaapi.core.ScenarioBuilder readyScenario() {
        return scenario("setup: ready").exec(session -> {
            int ready = 0;
            for (int i = 0; i < config.accounts(); i++) {
                ready += bench.accounts.get(i) != null ? 1 : 0;
            }
            Path file = config.readyFile();
            try {
                Path tmp = Path.of(file + ".tmp");
                Files.writeString(tmp, System.currentTimeMillis() + " " + ready + "\n");
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            return session;
        });
    }

    private io.gatling.javaapi.core.ScenarioBuilder registerScenario() {
        return scenario("setup: register+login").exec(
                exec(session -> {
                    int idx = bench.registerCounter.getAndIncrement();
                    return session.set(USER, idx).set("username", config.userPrefix() + "-" + idx);
                }),
                exec(http("auth.register").post("/api/auth/register")
                        .body(StringBody(session -> credentials(session))).asJson()
                        .check(status().in(201, 409))),
                exec(http("auth.login").post("/api/auth/login")
                        .body(StringBody(session -> credentials(session))).asJson()
                        .check(status().is(200), bodyString().saveAs("login"))),
                exec(session -> {
                    if (session.contains("login") && !session.isFailed()) {
                        LoginResponse login = JsonCodec.fromJson(session.getString("login"), LoginResponse.class);
                        bench.accounts.set(session.getInt(USER), new BenchRun.Account(session.getString("username"),
                                login.userId(), login.token()));
                    }
                    return session;
                }));
    }

    private String credentials(Session session) {
        return JsonCodec.toJson(new Credentials(session.getString("username"), config.password()));
    }

    private io.gatling.javaapi.core.ScenarioBuilder conversationScenario() {
        return scenario("setup: conversations").exec(
                exec(session -> {
                    int specIndex = bench.conversationCounter.getAndIncrement();
                    BenchPlan.Spec spec = bench.plan.spec(specIndex);
                    BenchRun.Account creator = bench.accounts.get(spec.creator());
                    List<String> others = new ArrayList<>();
                    boolean complete = creator != null;
                    for (int i = 1; i < spec.members().length; i++) {
                        BenchRun.Account member = bench.accounts.get(spec.members()[i]);
                        if (member == null) {
                            complete = false;
                        } else {
                            others.add(member.userId());
                        }
                    }
                    if (!complete) {
                        return session.set("skip", true);
                    }
                    CreateConversation body = new CreateConversation(spec.type() == BenchPlan.Type.GROUP
                            ? ConversationType.GROUP : ConversationType.DIRECT, spec.name(), others);
                    return session.set("skip", false).set("spec", specIndex).set("token", creator.token())
                            .set("body", JsonCodec.toJson(body));
                }),
                exitHereIf(session -> session.getBoolean("skip")),
                exec(http("conversations.create").post("/api/conversations")
                        .header("Authorization", session -> "Bearer " + session.getString("token"))
                        .body(StringBody(session -> session.getString("body"))).asJson()
                        .check(status().in(200, 201), bodyString().saveAs("created"))),
                exec(session -> {
                    if (session.contains("created") && !session.isFailed()) {
                        ConversationView view = JsonCodec.fromJson(session.getString("created"),
                                ConversationView.class);
                        bench.created(session.getInt("spec"), view.id(), view.lastSeq());
                    }
                    return session;
                }));
    }

    /** Claims the next user index; users without an account (setup failed) stop here. */
    ChainBuilder claimUser() {
        return exec(StatsBridge.capture(),
                exec(session -> {
                    int idx = bench.userCounter.getAndIncrement();
                    bench.startMain(System.currentTimeMillis());
                    boolean usable = idx < config.users() && (config.rabbit() || bench.accounts.get(idx) != null)
                            && bench.conversationsOf(idx).length > 0;
                    if (!usable) {
                        bench.unusable(idx, System.currentTimeMillis());
                    }
                    return session.set(USER, idx).set(ACCOUNT, idx).set("usable", usable);
                }),
                exitHereIf(session -> !session.getBoolean("usable")));
    }

    /**
     * Connections scenario: claims the next user index {@code n}, which connects as account {@code n % accounts}
     * (one account, many sessions); needs no conversation. Users whose account failed to register stop here.
     */
    ChainBuilder claimConnection() {
        return exec(StatsBridge.capture(),
                exec(session -> {
                    int idx = bench.userCounter.getAndIncrement();
                    bench.startMain(System.currentTimeMillis());
                    int account = idx < config.users() ? config.accountOf(idx) : -1;
                    boolean usable = account >= 0 && (config.rabbit() || bench.accounts.get(account) != null);
                    if (!usable) {
                        bench.unusable(idx, System.currentTimeMillis());
                    }
                    return session.set(USER, idx).set(ACCOUNT, account).set("usable", usable);
                }),
                exitHereIf(session -> !session.getBoolean("usable")));
    }

    /** WebSocket + STOMP CONNECT (awaiting CONNECTED) + SUBSCRIBEs + settle; the user is then online. */
    ChainBuilder connect(boolean subscribeAll) {
        return exec(
                exec(ws("ws.connect").connect(config.wsPath()).subprotocol("v12.stomp")),
                giveUpIfFailed(),
                exec(ws("stomp.connect").sendText(this::connectFrame).await(Duration.ofSeconds(15))
                        .on(ws.checkTextMessage("stomp.connected").check(regex("^CONNECTED")))),
                giveUpIfFailed(),
                exec(session -> {
                    bench.connected.increment();
                    return session.set("subs", subscriptions(session.getInt(USER), subscribeAll))
                            .set(LAST_INBOUND, System.currentTimeMillis());
                }),
                foreach(session -> session.getList("subs"), "sub").on(
                        exec(ws.processUnmatchedMessages(this::process)),
                        exec(ws("stomp.subscribe").sendText(session -> session.getString("sub")))),
                pause(config.settle()),
                exec(ws.processUnmatchedMessages(this::process)),
                exec(session -> {
                    bench.online(session.getInt(USER), System.currentTimeMillis());
                    return session;
                }));
    }

    /** A user whose connect failed stops; the timeline no longer waits for it. */
    private ChainBuilder giveUpIfFailed() {
        return exec(
                exec(session -> {
                    if (session.isFailed()) {
                        bench.unusable(session.getInt(USER), System.currentTimeMillis());
                    }
                    return session;
                }),
                exitHereIfFailed());
    }

    private String connectFrame(Session session) {
        int hb = config.heartbeat();
        if (config.rabbit()) {
            return StompFrames.connectWithLogin(config.rabbitVhost(), config.rabbitLogin(), config.rabbitPasscode(),
                    hb, hb);
        }
        return StompFrames.connectWithToken(config.host(), bench.accounts.get(session.getInt(ACCOUNT)).token(), hb,
                hb);
    }

    private List<String> subscriptions(int user, boolean all) {
        List<String> frames = new ArrayList<>();
        if (config.rabbit()) {
            for (int conversation : bench.conversationsOf(user)) {
                frames.add(StompFrames.subscribe("c" + conversation, rabbitDestination(conversation)));
            }
            return frames;
        }
        frames.add(StompFrames.subscribe("m", "/user/queue/messages"));
        if (all) {
            frames.add(StompFrames.subscribe("a", "/user/queue/acks"));
            frames.add(StompFrames.subscribe("e", "/user/queue/errors"));
            frames.add(StompFrames.subscribe("v", "/user/queue/events"));
        }
        return frames;
    }

    private String rabbitDestination(int conversation) {
        return "/exchange/amq.topic/" + ledger.conversationId(conversation);
    }

    /** A random pause of up to one send interval, so that users do not send in lockstep. */
    ChainBuilder desynchronize() {
        return pause(session -> Duration.ofNanos(ThreadLocalRandom.current().nextLong(
                Math.max(1, config.sendInterval().toNanos()))));
    }

    /**
     * Sends at the configured rate while {@code condition} holds; before every send the unmatched frames are
     * processed (a send clears Gatling's buffer) and queued resends go first. A user with {@code max.inflight}
     * messages awaiting their ack skips the tick (counted as throttled): past its capacity the system shows a
     * lower accepted rate instead of an ever-growing queue.
     */
    ChainBuilder sendLoop(java.util.function.Function<Session, Boolean> condition, String paceCounter) {
        return asLongAs(condition).on(
                pace(config.sendInterval(), paceCounter),
                resends(),
                exec(ws.processUnmatchedMessages(this::process)),
                doIfOrElse(session -> ledger.inFlight(session.getInt(USER)) < config.maxInFlight())
                        .then(exec(ws("chat.send").sendText(this::nextSend)))
                        .orElse(exec(session -> {
                            ledger.recordThrottled(System.currentTimeMillis());
                            return session;
                        })));
    }

    private ChainBuilder resends() {
        return exec(ws.processUnmatchedMessages(this::process),
                asLongAs(session -> ledger.hasResend(session.getInt(USER))).on(
                        exec(ws.processUnmatchedMessages(this::process)),
                        exec(ws("chat.resend").sendText(this::resendFrame))));
    }

    private String nextSend(Session session) {
        int user = session.getInt(USER);
        int conversation = pickConversation(user, ledger.sendCount(user));
        String clientMessageId = ledger.recordSend(user, conversation, System.currentTimeMillis());
        return sendFrame(conversation, clientMessageId);
    }

    /** Message k of a user goes to its group for a {@code group.share} of k, else round robin to its directs. */
    private int pickConversation(int user, int k) {
        int[] conversations = bench.conversationsOf(user);
        int group = bench.groupOf(user);
        double share = config.groupShare();
        boolean toGroup = group >= 0 && Math.floor((k + 1) * share) > Math.floor(k * share);
        int[] directs = Arrays.stream(conversations).filter(c -> c != group).toArray();
        if (toGroup || directs.length == 0) {
            return group >= 0 ? group : conversations[0];
        }
        return directs[k % directs.length];
    }

    private String resendFrame(Session session) {
        DeliveryLedger.Resend resend = ledger.pollResend(session.getInt(USER));
        return sendFrame(resend.conversationIndex(), resend.clientMessageId());
    }

    private String sendFrame(int conversation, String clientMessageId) {
        String conversationId = ledger.conversationId(conversation);
        String content = content(clientMessageId);
        String body = JsonCodec.toJson(new SendMessage(conversationId, clientMessageId, content));
        if (config.rabbit()) {
            return StompFrames.send(rabbitDestination(conversation), body, clientMessageId);
        }
        return StompFrames.send("/app/chat.send", body, null);
    }

    private String content(String clientMessageId) {
        String head = "bench " + clientMessageId + " ";
        int fill = config.messageSize() - head.length();
        return fill > 0 ? head + padding.substring(0, fill) : head.substring(0, Math.min(head.length(),
                Math.max(1, config.messageSize())));
    }

    /** Keeps processing frames until every expected delivery arrived or the drain time is over. */
    ChainBuilder drain() {
        return exec(
                asLongAs(session -> !bench.drainFinished(System.currentTimeMillis())).on(
                        pause(Duration.ofMillis(100)),
                        resends()),
                exec(ws.processUnmatchedMessages(this::process)));
    }

    /** Mixed scenario: waits for the user's own messages only (members offline on purpose catch up by history). */
    ChainBuilder drainOwn() {
        return exec(
                asLongAs(session -> {
                    long now = System.currentTimeMillis();
                    int user = session.getInt(USER);
                    long end = bench.sendEnd();
                    boolean done = end != Long.MAX_VALUE && (now >= end + config.drain().toMillis()
                            || (now >= end + 300 && !ledger.hasResend(user) && ledger.unechoed(user).length == 0));
                    return !done;
                }).on(
                        pause(Duration.ofMillis(100)),
                        resends()),
                exec(ws.processUnmatchedMessages(this::process)));
    }

    /** One KO in Gatling's statistics per delivery this user was due and never got (makes the run fail). */
    ChainBuilder reportLosses() {
        return exec(session -> {
            long now = System.currentTimeMillis();
            for (DeliveryLedger.Missing missing : ledger.lostFor(session.getInt(USER))) {
                StatsBridge.ko(session, LOST, missing.sentAtMillis(), now,
                        missing.sender() == session.getInt(USER) ? "own message never echoed"
                                : "acked message never delivered");
            }
            return session;
        });
    }

    ChainBuilder disconnect() {
        return exec(
                exec(ws.processUnmatchedMessages(this::process)),
                exec(session -> {
                    ledger.offline(session.getInt(USER));
                    return session;
                }),
                // a WebSocket close, no DISCONNECT frame: servers close the socket on DISCONNECT themselves, and
                // Gatling's close then races them ("Premature close" KO)
                exec(ws("ws.close").close()));
    }

    /** After a reconnect: what was sent but never acknowledged goes again, same clientMessageId. */
    ChainBuilder queueUnackedForResend() {
        return exec(session -> {
            ledger.resendUnacked(session.getInt(USER), config.maxResends());
            return session;
        });
    }

    /** Every conversation of the user: {@code afterSeq=<last contiguous seq>} pages until hasMore is false. */
    ChainBuilder historySync() {
        return foreach(session -> Arrays.stream(bench.conversationsOf(session.getInt(USER))).boxed().toList(),
                "conversation").on(
                exec(session -> session.set("more", true).set("pages", 0).set("after",
                        ledger.lastContiguousSeq(session.getInt(USER), session.getInt("conversation")))),
                asLongAs(session -> session.getBoolean("more") && session.getInt("pages") < 20).on(
                        exec(session -> session.remove("page")),
                        exec(http("history.afterSeq").get(session -> "/api/conversations/"
                                + URLEncoder.encode(ledger.conversationId(session.getInt("conversation")),
                                        StandardCharsets.UTF_8)
                                + "/messages?afterSeq=" + session.getLong("after") + "&limit=" + config.historyLimit())
                                .header("Authorization", session -> "Bearer "
                                        + bench.accounts.get(session.getInt(USER)).token())
                                .check(status().is(200), bodyString().saveAs("page"))),
                        exec(this::historyPage)));
    }

    private Session historyPage(Session session) {
        int pages = session.getInt("pages") + 1;
        if (!session.contains("page")) {
            return session.set("more", false).set("pages", pages).markAsSucceeded();
        }
        bench.historyLoads.increment();
        MessagePage page = JsonCodec.fromJson(session.getString("page"), MessagePage.class);
        int user = session.getInt(USER);
        long after = session.getLong("after");
        long now = System.currentTimeMillis();
        List<ChatMessage> messages = page.messages() == null ? List.of() : page.messages();
        for (ChatMessage message : messages) {
            ledger.recordDelivery(user, message.clientMessageId(), message.conversationId(), message.seq(), now, true);
            after = Math.max(after, message.seq());
        }
        return session.set("more", page.hasMore() && !messages.isEmpty()).set("after", after).set("pages", pages);
    }

    /** One KO per acked seq of the user's conversations it never saw, live or from history. */
    ChainBuilder reportGaps() {
        return exec(session -> {
            long now = System.currentTimeMillis();
            for (DeliveryLedger.Missing missing : ledger.lostFor(session.getInt(USER))) {
                StatsBridge.ko(session, GAP, missing.sentAtMillis(), now, "acked message missing after resync");
            }
            return session;
        });
    }

    /** Idle connection: heart-beats out every 0.8 interval, and a KO when the server stays silent too long. */
    ChainBuilder holdWithHeartbeats(java.util.function.Function<Session, Boolean> condition) {
        Duration beat = Duration.ofMillis(Math.max(100, Math.round(config.heartbeat() * 0.8)));
        return asLongAs(condition).on(
                pause(beat),
                exec(ws.processUnmatchedMessages(this::process)),
                exec(session -> {
                    long silence = System.currentTimeMillis() - session.getLong(LAST_INBOUND);
                    if (config.heartbeat() > 0 && silence > 3L * config.heartbeat()) {
                        bench.heartbeatGaps.increment();
                        StatsBridge.ko(session, "stomp.server-heartbeat", session.getLong(LAST_INBOUND),
                                System.currentTimeMillis(), "no frame or heart-beat from the server for " + silence
                                        + " ms");
                        return session.set(LAST_INBOUND, System.currentTimeMillis());
                    }
                    return session;
                }),
                exec(ws("stomp.heartbeat").sendText(session -> {
                    bench.heartbeatsOut.increment();
                    return StompFrames.HEARTBEAT;
                })));
    }

    /** Accounts for every frame Gatling buffered since the last call. */
    Session process(List<WsInboundMessage> messages, Session session) {
        if (messages.isEmpty()) {
            return session;
        }
        int user = session.getInt(USER);
        long lastInbound = session.contains(LAST_INBOUND) ? session.getLong(LAST_INBOUND) : 0;
        for (WsInboundMessage inbound : messages) {
            if (!(inbound instanceof WsInboundMessage.Text text)) {
                continue;
            }
            lastInbound = Math.max(lastInbound, inbound.timestamp());
            StompFrames.Parsed parsed;
            try {
                parsed = StompFrames.parse(text.message());
            } catch (StompParseException e) {
                bench.malformedFrames.increment();
                StatsBridge.ko(session, "stomp.frame", inbound.timestamp(), inbound.timestamp(), e.getMessage());
                continue;
            }
            bench.heartbeatsIn.add(parsed.heartbeats());
            for (StompFrame frame : parsed.frames()) {
                handle(session, user, frame, inbound.timestamp());
            }
        }
        return session.set(LAST_INBOUND, lastInbound);
    }

    private void handle(Session session, int user, StompFrame frame, long arrival) {
        switch (frame.command()) {
            case "MESSAGE" -> handleMessage(session, user, frame, arrival);
            case "RECEIPT" -> {
                long latency = ledger.recordAck(user, frame.header("receipt-id"), null, -1, arrival);
                if (latency >= 0) {
                    StatsBridge.ok(session, ACK, arrival - latency, arrival);
                }
            }
            case "ERROR" -> {
                bench.stompErrors.increment();
                String receipt = frame.header("receipt-id");
                ledger.recordError(user, "stomp_error", receipt, 0);
                StatsBridge.ko(session, "stomp.error", arrival, arrival, "ERROR frame: "
                        + String.valueOf(frame.header("message")));
            }
            default -> {
                // CONNECTED after a reconnect is consumed by the check; anything else is ignored
            }
        }
    }

    private void handleMessage(Session session, int user, StompFrame frame, long arrival) {
        String subscription = frame.header("subscription");
        if (subscription == null) {
            subscription = "";
        }
        try {
            if (config.rabbit()) {
                SendMessage sent = JsonCodec.fromJson(frame.body(), SendMessage.class);
                delivered(session, user, sent.clientMessageId(), sent.conversationId(), -1, arrival);
                return;
            }
            switch (subscription) {
                case "m" -> {
                    ChatMessage message = JsonCodec.fromJson(frame.body(), ChatMessage.class);
                    delivered(session, user, message.clientMessageId(), message.conversationId(), message.seq(),
                            arrival);
                }
                case "a" -> {
                    MessageAck ack = JsonCodec.fromJson(frame.body(), MessageAck.class);
                    long latency = ledger.recordAck(user, ack.clientMessageId(), ack.messageId(), ack.seq(), arrival);
                    if (latency >= 0) {
                        StatsBridge.ok(session, ACK, arrival - latency, arrival);
                    }
                }
                case "e" -> {
                    JsonNode error = JsonCodec.mapper().readTree(frame.body());
                    String code = error.path("code").asText("unknown");
                    String clientMessageId = error.path("clientMessageId").isTextual()
                            ? error.path("clientMessageId").asText() : null;
                    ledger.recordError(user, code, clientMessageId, config.maxResends());
                    ClientMessageIds.Parsed id = ClientMessageIds.parse(clientMessageId);
                    long start = id == null ? arrival : id.sentAtMillis();
                    StatsBridge.ko(session, ACK, start, arrival, "error " + code);
                }
                case "v" -> {
                    bench.events.increment();
                    if (frame.body().contains("\"resync\"")) {
                        bench.resyncEvents.increment();
                    }
                }
                default -> {
                    // a subscription we did not make: ignore
                }
            }
        } catch (RuntimeException | java.io.IOException e) {
            bench.malformedFrames.increment();
            StatsBridge.ko(session, "stomp.frame", arrival, arrival, "unreadable MESSAGE body on " + subscription);
        }
    }

    private void delivered(Session session, int user, String clientMessageId, String conversationId, long seq,
            long arrival) {
        DeliveryLedger.Delivery delivery = ledger.recordDelivery(user, clientMessageId, conversationId, seq, arrival,
                false);
        if (delivery.kind() == DeliveryLedger.Delivery.Kind.FIRST && delivery.measured() && delivery.ownEcho()) {
            StatsBridge.ok(session, E2E, arrival - delivery.latencyMillis(), arrival);
        }
    }
}
