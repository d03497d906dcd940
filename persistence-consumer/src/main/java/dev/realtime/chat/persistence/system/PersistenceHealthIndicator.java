package dev.realtime.chat.persistence.system;

import dev.realtime.chat.persistence.circuit.CassandraAvailability;
import dev.realtime.chat.persistence.consume.PersistQueueConsumer;
import dev.realtime.chat.persistence.write.AsyncLimiter;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health "persistence": always UP while the service runs (an unreachable Cassandra is Cassandra's problem: the
 * messages wait in the queue), with the breaker state and the consumer's state as details. Part of the readiness
 * group, so readiness shows why nothing is being written without failing.
 */
public final class PersistenceHealthIndicator implements HealthIndicator {

    private final CassandraAvailability availability;
    private final PersistQueueConsumer consumer;
    private final AsyncLimiter limiter;

    public PersistenceHealthIndicator(CassandraAvailability availability, PersistQueueConsumer consumer,
            AsyncLimiter limiter) {
        this.availability = availability;
        this.consumer = consumer;
        this.limiter = limiter;
    }

    @Override
    public Health health() {
        boolean reachable = availability.acceptsWrites();
        return Health.up()
                .withDetail("circuitBreaker", availability.state().name())
                .withDetail("cassandra", reachable ? "reachable" : "unreachable: consumption paused, probing")
                .withDetail("consuming", consumer.isConsuming())
                .withDetail("inFlightBatches", consumer.inFlightBatches())
                .withDetail("inFlightWrites", limiter.inFlight())
                .withDetail("queuedWrites", limiter.waiting())
                .build();
    }
}
