package dev.realtime.chat.persistence.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The persist path's meters. Counts are chat messages (not AMQP messages), except that a malformed body counts
 * as one. Tags are bounded: {@code reason} is a {@link DeadLetterReason} kind.
 */
public final class PersistMetrics {

    private final MeterRegistry registry;
    private final Counter written;
    private final Counter retried;
    private final Counter requeued;
    private final Counter requests;
    private final Counter writes;
    private final Timer lag;
    private final Map<DeadLetterReason, Counter> deadLettered = new ConcurrentHashMap<>();

    public PersistMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.written = Counter.builder("chat.persist.written").description("Chat messages stored in Cassandra")
                .baseUnit("messages").register(registry);
        this.retried = Counter.builder("chat.persist.retried")
                .description("Chat messages sent to a retry queue after a rejected write").baseUnit("messages")
                .register(registry);
        this.requeued = Counter.builder("chat.persist.requeued")
                .description("Batches handed back to the persist queue because Cassandra was unreachable")
                .baseUnit("batches").register(registry);
        this.requests = Counter.builder("chat.persist.requests")
                .description("Cassandra write requests (unlogged batches or single statements) issued")
                .baseUnit("requests").register(registry);
        this.writes = Counter.builder("chat.persist.writes")
                .description("Writes (one or more input batches merged) issued to Cassandra").register(registry);
        this.lag = Timer.builder("chat.persist.lag").description("From a message's sentAt to its rows being stored")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram(false)
                .register(registry);
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            deadLettered.put(reason, Counter.builder("chat.persist.deadlettered")
                    .description("Chat messages sent to chat.persist.dlq").baseUnit("messages")
                    .tag("reason", reason.kind()).register(registry));
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** One write of this many requests was issued. */
    public void issued(int requestCount) {
        writes.increment();
        requests.increment(requestCount);
    }

    public void written(int messages) {
        written.increment(messages);
    }

    public void lag(Instant sentAt, Instant now) {
        if (sentAt != null) {
            Duration duration = Duration.between(sentAt, now);
            lag.record(duration.isNegative() ? Duration.ZERO : duration);
        }
    }

    public void retried(int messages) {
        retried.increment(messages);
    }

    public void requeued() {
        requeued.increment();
    }

    public void deadLettered(DeadLetterReason reason, int messages) {
        deadLettered.get(reason).increment(messages);
    }
}
