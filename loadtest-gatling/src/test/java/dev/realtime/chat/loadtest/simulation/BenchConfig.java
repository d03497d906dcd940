package dev.realtime.chat.loadtest.simulation;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;

/**
 * Every knob of the simulations, read from system properties ({@code -Dusers=200 -Drate=5 ...}) so that the same
 * simulation targets {@code ./chat up} locally, the ALB in AWS, or RabbitMQ Web-STOMP for the reference run.
 *
 * @param target {@code chat} (the gateways; REST setup, {@code /app/chat.send}) or {@code rabbitmq} (Web-STOMP
 *        directly: {@code /exchange/amq.topic/<conv>}, guest login, RECEIPT as the ack, no persistence)
 * @param baseUrl REST base and, with http→ws, the WebSocket base ({@code base.url})
 * @param users virtual users sending or connected ({@code users})
 * @param accounts connections scenario only: accounts registered for the {@code users} connections; virtual user
 *        {@code n} connects as account {@code n % accounts}, so each account holds {@code users / accounts} (or one
 *        more) sessions at once ({@code accounts}, default {@code users}: one account per connection). Registering
 *        is slow (BCrypt), connecting is not: 10,000 connections need not mean 10,000 accounts.
 * @param ratePerUser messages per second each user sends ({@code rate})
 * @param duration measured send window ({@code duration}, seconds)
 * @param warmup sending before the window, not counted ({@code warmup}, seconds)
 * @param ramp users connect over this time ({@code ramp}, seconds)
 * @param drain longest wait for in-flight messages after the window ({@code drain}, seconds)
 * @param groupSize members of each group conversation ({@code group.size})
 * @param groupShare share of messages sent to the group conversation, the rest to direct ones ({@code group.share})
 * @param messageSize content length in characters ({@code message.size})
 * @param userPrefix usernames are {@code <prefix>-<index>}; accounts are reused across runs ({@code user.prefix})
 * @param setupRate registrations+logins started per second in the setup phase ({@code setup.rate})
 * @param settle pause after subscribing before the user counts as online ({@code settle}, ms)
 * @param heartbeat STOMP heart-beat asked in both directions ({@code heartbeat}, ms; 0 = off)
 * @param reconnectEvery mixed scenario: time connected before a reconnect ({@code reconnect.every}, seconds)
 * @param offline mixed scenario: time disconnected ({@code offline}, seconds)
 * @param historyLimit page size of {@code afterSeq} history loads ({@code history.limit})
 * @param maxInFlight a user with this many messages awaiting their ack skips its next send ({@code max.inflight})
 * @param maxResends resends of a message answered {@code unavailable}/{@code rate_limited} ({@code max.resends})
 * @param assertP99 the run fails when p99 end-to-end latency exceeds this ({@code assert.p99}, ms)
 * @param assertMaxErrorPercent the run fails above this percentage of KO requests ({@code assert.errors})
 * @param resultsPrefix files written: {@code <prefix>.ledger.raw} (JSON), {@code <prefix>.acked.raw}
 *        ({@code results.prefix})
 * @param run id of this run inside clientMessageIds ({@code run.id})
 * @param readyFile connections scenario: written (epoch millis, accounts ready) when the account setup is done, so
 *        that bench/connections.sh measures the gateways between setup and connections ({@code ready.file}; null:
 *        none)
 * @param connectDelay connections scenario: pause between the end of the setup and the first connection
 *        ({@code connect.delay}, seconds; the window in which bench/connections.sh takes its "before" snapshot)
 */
public record BenchConfig(String target, String baseUrl, String wsPath, int users, int accounts, double ratePerUser,
        Duration duration, Duration warmup, Duration ramp, Duration drain, int groupSize, double groupShare,
        int messageSize, String userPrefix, String password, double setupRate, Duration settle, int heartbeat,
        Duration reconnectEvery, Duration offline, int historyLimit, int maxInFlight, int maxResends, int bufferSize,
        long assertP99, double assertMaxErrorPercent, String rabbitLogin, String rabbitPasscode, String rabbitVhost,
        Path resultsPrefix, String run, Path readyFile, Duration connectDelay) {

    public static final String TARGET_CHAT = "chat";
    public static final String TARGET_RABBITMQ = "rabbitmq";

    public BenchConfig {
        if (!target.equals(TARGET_CHAT) && !target.equals(TARGET_RABBITMQ)) {
            throw new IllegalArgumentException("target must be chat or rabbitmq, was " + target);
        }
        if (users < 2) {
            throw new IllegalArgumentException("users must be >= 2 (conversations need two members)");
        }
        if (accounts < 1 || accounts > users) {
            throw new IllegalArgumentException("accounts must be in [1, users], was " + accounts);
        }
        if (ratePerUser <= 0) {
            throw new IllegalArgumentException("rate must be > 0");
        }
        if (groupSize < 2) {
            throw new IllegalArgumentException("group.size must be >= 2");
        }
        if (groupShare < 0 || groupShare > 1) {
            throw new IllegalArgumentException("group.share must be in [0, 1]");
        }
        if (messageSize < 1 || messageSize > 4000) {
            throw new IllegalArgumentException("message.size must be 1..4000");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max.inflight must be >= 1");
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be > 0");
        }
        if (connectDelay.isNegative()) {
            throw new IllegalArgumentException("connect.delay must be >= 0");
        }
        if (run.isEmpty() || run.contains(".")) {
            throw new IllegalArgumentException("run.id must be non-empty without dots");
        }
        String scheme = URI.create(baseUrl).getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("base.url must be http(s)://...");
        }
    }

    public static BenchConfig fromSystemProperties(String scenario) {
        return from(System.getProperties(), scenario);
    }

    static BenchConfig from(Properties p, String scenario) {
        String target = p.getProperty("target", TARGET_CHAT).toLowerCase(Locale.ROOT);
        boolean rabbit = target.equals(TARGET_RABBITMQ);
        String run = p.getProperty("run.id", Long.toString(Instant.now().toEpochMilli() / 1000, 36));
        int users = intOf(p, "users", 100);
        return new BenchConfig(target,
                stripSlash(p.getProperty("base.url", rabbit ? "http://localhost:15674" : "http://localhost:8080")),
                p.getProperty("ws.path", "/ws"),
                users,
                intOf(p, "accounts", users),
                doubleOf(p, "rate", 1.0),
                seconds(p, "duration", 60),
                seconds(p, "warmup", 10),
                seconds(p, "ramp", 10),
                seconds(p, "drain", 15),
                intOf(p, "group.size", 5),
                doubleOf(p, "group.share", 0.5),
                intOf(p, "message.size", 100),
                p.getProperty("user.prefix", "bench"),
                p.getProperty("user.password", "bench-password-1"),
                doubleOf(p, "setup.rate", 50),
                Duration.ofMillis(intOf(p, "settle", 1000)),
                intOf(p, "heartbeat", 10000),
                seconds(p, "reconnect.every", 15),
                seconds(p, "offline", 2),
                intOf(p, "history.limit", 500),
                intOf(p, "max.inflight", 5),
                intOf(p, "max.resends", 3),
                intOf(p, "ws.buffer", 100_000),
                Long.parseLong(p.getProperty("assert.p99", "1000")),
                doubleOf(p, "assert.errors", 1.0),
                p.getProperty("rabbit.login", "guest"),
                p.getProperty("rabbit.passcode", "guest"),
                p.getProperty("rabbit.vhost", "/"),
                Path.of(p.getProperty("results.prefix", "target/bench/" + run + "." + scenario + "." + target)),
                run,
                p.getProperty("ready.file") == null ? null : Path.of(p.getProperty("ready.file")),
                seconds(p, "connect.delay", 0));
    }

    /** The account virtual user {@code user} connects as (connections scenario): {@code user % accounts}. */
    public int accountOf(int user) {
        if (user < 0) {
            throw new IllegalArgumentException("user index must be >= 0, was " + user);
        }
        return user % accounts;
    }

    /** Most sessions one account holds at once: {@code ceil(users / accounts)}. */
    public int connectionsPerAccount() {
        return (users + accounts - 1) / accounts;
    }

    public boolean rabbit() {
        return target.equals(TARGET_RABBITMQ);
    }

    /** {@code ws://host:port} for {@code http://host:port}, {@code wss://} for https. */
    public String wsBaseUrl() {
        return baseUrl.replaceFirst("^http", "ws");
    }

    public String host() {
        return URI.create(baseUrl).getHost();
    }

    public Duration sendInterval() {
        return Duration.ofNanos(Math.round(1_000_000_000L / ratePerUser));
    }

    public Path ledgerFile() {
        return Path.of(resultsPrefix + ".ledger.raw");
    }

    public Path ackedFile() {
        return Path.of(resultsPrefix + ".acked.raw");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static int intOf(Properties p, String key, int defaultValue) {
        String value = p.getProperty(key);
        try {
            return value == null ? defaultValue : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, was " + value);
        }
    }

    private static double doubleOf(Properties p, String key, double defaultValue) {
        String value = p.getProperty(key);
        try {
            return value == null ? defaultValue : Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was " + value);
        }
    }

    private static Duration seconds(Properties p, String key, int defaultSeconds) {
        return Duration.ofMillis(Math.round(doubleOf(p, key, defaultSeconds) * 1000));
    }
}
