package dev.realtime.chat.router.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;

/**
 * The router's meters. Tags are bounded: outcome, kind, mode, reason.
 * <ul>
 * <li>{@code chat.router.batches{outcome=forwarded|broadcast|empty|poison}}: input batches settled</li>
 * <li>{@code chat.router.messages{kind=message|event}}: payloads routed</li>
 * <li>{@code chat.router.forwarded{mode=direct|broadcast}}: gateway deliveries published and confirmed</li>
 * <li>{@code chat.router.publishes}: AMQP messages handed to the publisher for the gateways (a group's forwards
 * merged per gateway; each retry of a group counts again)</li>
 * <li>{@code chat.router.broadcast{reason}}: batches broadcast because Redis could not answer</li>
 * <li>{@code chat.router.history.skipped}: messages whose recent-history append was skipped (Redis down)</li>
 * <li>{@code chat.router.history.backfilled}: skipped appends written later, once Redis answered again</li>
 * <li>{@code chat.router.history.dropped}: skipped appends given up because the backlog was full</li>
 * <li>{@code chat.router.retries}: groups published again after a failed or missing confirm</li>
 * <li>{@code chat.router.invalid}: batch entries skipped because they lacked ids</li>
 * <li>{@code chat.router.latency}: from a batch's arrival to its ack (forwards confirmed)</li>
 * </ul>
 */
public final class RouterMetrics {

    /** Why a batch was broadcast (BatchRouter): the breaker was open, Redis was unreachable, Redis failed otherwise. */
    public static final List<String> BROADCAST_REASONS = List.of("circuit-open", "redis-unavailable", "redis-error");

    private final MeterRegistry registry;
    private final Counter forwardedBatches;
    private final Counter broadcastBatches;
    private final Counter emptyBatches;
    private final Counter messages;
    private final Counter events;
    private final Counter forwardedDirect;
    private final Counter forwardedBroadcast;
    private final Counter historySkipped;
    private final Counter historyBackfilled;
    private final Counter historyDropped;
    private final Counter retries;
    private final Counter publishes;
    private final Counter invalid;
    private final Timer latency;

    public RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.forwardedBatches = batches("forwarded");
        this.broadcastBatches = batches("broadcast");
        this.emptyBatches = batches("empty");
        batches("poison");
        this.messages = Counter.builder("chat.router.messages").tag("kind", "message")
                .description("chat messages routed").register(registry);
        this.events = Counter.builder("chat.router.messages").tag("kind", "event")
                .description("events routed").register(registry);
        this.forwardedDirect = Counter.builder("chat.router.forwarded").tag("mode", "direct")
                .description("gateway deliveries published and confirmed").register(registry);
        this.forwardedBroadcast = Counter.builder("chat.router.forwarded").tag("mode", "broadcast")
                .description("gateway deliveries published and confirmed").register(registry);
        this.historySkipped = Counter.builder("chat.router.history.skipped")
                .description("messages not appended to recent history because Redis could not answer")
                .register(registry);
        this.historyBackfilled = Counter.builder("chat.router.history.backfilled")
                .description("skipped history appends written once Redis answered again").register(registry);
        this.historyDropped = Counter.builder("chat.router.history.dropped")
                .description("skipped history appends given up (backlog full); Cassandra still has them")
                .register(registry);
        this.retries = Counter.builder("chat.router.retries")
                .description("groups of batches published again after a failed confirm").register(registry);
        for (String reason : BROADCAST_REASONS) { // registered up front: a dashboard rate reads 0, not "no data"
            broadcastCounter(reason);
        }
        this.publishes = Counter.builder("chat.router.publishes")
                .description("AMQP messages published to the gateways (merged per gateway per group)")
                .register(registry);
        this.invalid = Counter.builder("chat.router.invalid")
                .description("batch entries skipped because they lacked ids").register(registry);
        this.latency = Timer.builder("chat.router.latency")
                .description("from a batch's arrival to its ack")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    private Counter broadcastCounter(String reason) {
        return Counter.builder("chat.router.broadcast").tag("reason", reason)
                .description("batches broadcast because Redis could not answer").register(registry);
    }

    private Counter batches(String outcome) {
        return Counter.builder("chat.router.batches").tag("outcome", outcome)
                .description("input batches settled").register(registry);
    }

    public void poison(String reason) {
        Counter.builder("chat.router.batches").tag("outcome", "poison").register(registry).increment();
        Counter.builder("chat.router.poison").tag("reason", reason).register(registry).increment();
    }

    public void settled(boolean broadcast, boolean empty, boolean messageBatch, int payloads, int forwards,
            long arrivedNanos) {
        (empty ? emptyBatches : broadcast ? broadcastBatches : forwardedBatches).increment();
        (messageBatch ? messages : events).increment(payloads);
        if (forwards > 0) {
            (broadcast ? forwardedBroadcast : forwardedDirect).increment(forwards);
        }
        latency.record(System.nanoTime() - arrivedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void broadcast(String reason, int historySkippedMessages) {
        broadcastCounter(reason).increment();
        if (historySkippedMessages > 0) {
            historySkipped.increment(historySkippedMessages);
        }
    }

    public void historyBackfilled(int messages) {
        historyBackfilled.increment(messages);
    }

    public void historyDropped(int messages) {
        historyDropped.increment(messages);
    }

    public void published(int amqpMessages) {
        if (amqpMessages > 0) {
            publishes.increment(amqpMessages);
        }
    }

    public void retry() {
        retries.increment();
    }

    public void invalid(int entries) {
        if (entries > 0) {
            invalid.increment(entries);
        }
    }
}
