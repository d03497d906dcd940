package dev.realtime.chat.persistence.circuit;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Whether Cassandra takes writes, as the circuit breaker sees it. While the breaker is OPEN nobody writes (the
 * consumer stops taking messages) and a probe ({@code SELECT release_version FROM system.local}) runs every
 * {@code probeInterval}; the first probe that answers closes the breaker, and listeners resume consumption.
 */
public final class CassandraAvailability implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CassandraAvailability.class);
    private static final String PROBE = "SELECT release_version FROM system.local";

    private final CircuitBreaker breaker;
    private final CqlSession session;
    private final Duration probeInterval;
    private final Duration probeTimeout;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean probing = new AtomicBoolean();
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> probes;
    private volatile boolean running;

    public CassandraAvailability(CircuitBreaker breaker, CqlSession session, Duration probeInterval,
            Duration probeTimeout) {
        this.breaker = breaker;
        this.session = session;
        this.probeInterval = probeInterval;
        this.probeTimeout = probeTimeout;
        breaker.getEventPublisher().onStateTransition(event -> {
            switch (event.getStateTransition().getToState()) {
                case OPEN, FORCED_OPEN -> log.warn("Cassandra unreachable: circuit breaker {} is {}, consumption "
                        + "paused, probing every {}", breaker.getName(), event.getStateTransition().getToState(),
                        probeInterval);
                default -> log.info("Circuit breaker {}: {}", breaker.getName(), event.getStateTransition());
            }
            listeners.forEach(Runnable::run);
        });
    }

    /** Called (on some thread) after every breaker state change. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    public boolean acceptsWrites() {
        CircuitBreaker.State state = breaker.getState();
        return state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN;
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "persist-probe");
            thread.setDaemon(true);
            return thread;
        });
        long interval = probeInterval.toMillis();
        probes = scheduler.scheduleWithFixedDelay(this::probeIfOpen, interval, interval, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (probes != null) {
            probes.cancel(false);
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the consumer (which listens to us), after it on the way down. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    void probeIfOpen() {
        if (breaker.getState() != CircuitBreaker.State.OPEN || !probing.compareAndSet(false, true)) {
            return;
        }
        try {
            session.executeAsync(SimpleStatement.newInstance(PROBE).setTimeout(probeTimeout))
                    .whenComplete((rows, error) -> {
                        probing.set(false);
                        if (error != null) {
                            log.debug("Cassandra probe failed: {}", error.toString());
                            return;
                        }
                        if (breaker.getState() == CircuitBreaker.State.OPEN) {
                            var row = rows.one();
                            log.info("Cassandra answers again (release {}): closing the circuit breaker",
                                    row == null ? "?" : row.getString(0));
                            breaker.transitionToClosedState();
                        }
                    });
        } catch (RuntimeException e) {
            probing.set(false);
            log.debug("Cassandra probe failed: {}", e.toString());
        }
    }
}
