package dev.realtime.chat.gateway.websocket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.socket.WebSocketSession;

/**
 * The open STOMP connections of this gateway, by session id; the writer threads that drain their outbound
 * queues; and the heart-beat clock (one thread, a tick a second: heart-beats to idle clients, closes of clients
 * that went silent or stopped reading).
 */
public class StompConnections implements ClientOutbound, DisposableBean {

    private final Map<String, StompConnection> connections = new ConcurrentHashMap<>();
    private final ExecutorService writers;
    private final ScheduledExecutorService clock;
    private final GatewayProperties properties;
    private final Counter slowClosed;
    private final Counter limitClosed;
    private final StompConnection.Closer closer;

    public StompConnections(GatewayProperties properties, MeterRegistry registry) {
        this.properties = properties;
        this.writers = Executors.newFixedThreadPool(properties.writerThreads(), daemon("stomp-out-"));
        this.clock = Executors.newSingleThreadScheduledExecutor(daemon("stomp-heartbeat-"));
        this.slowClosed = Counter.builder("chat.sessions.closed").tag("reason", "slow")
                .description("WebSocket sessions the gateway closed").register(registry);
        this.limitClosed = Counter.builder("chat.sessions.closed").tag("reason", "limit")
                .description("WebSocket sessions the gateway closed").register(registry);
        this.closer = (connection, reason) -> {
            if (reason == StompConnection.CloseReason.SLOW) {
                slowClosed.increment();
            } else if (reason == StompConnection.CloseReason.LIMIT) {
                limitClosed.increment();
            }
        };
        clock.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    StompConnection open(WebSocketSession session) {
        StompConnection connection = new StompConnection(session, writers, properties.sendBufferBytes(),
                properties.sendTimeLimit().toNanos(), closer, properties.maxFrameBytes());
        connections.put(connection.id(), connection);
        return connection;
    }

    StompConnection remove(String sessionId) {
        return connections.remove(sessionId);
    }

    public StompConnection get(String sessionId) {
        return connections.get(sessionId);
    }

    public Collection<StompConnection> all() {
        return connections.values();
    }

    /**
     * A MESSAGE with this JSON body to every subscription of the session to {@code destination} (for example
     * {@code /user/queue/acks}).
     *
     * @return false when the session is gone or not subscribed there
     */
    @Override
    public boolean deliver(String sessionId, String destination, String json) {
        StompConnection connection = connections.get(sessionId);
        return connection != null && connection.deliver(destination, json);
    }

    private void tick() {
        long now = System.nanoTime();
        for (StompConnection connection : connections.values()) {
            try {
                connection.tick(now);
            } catch (RuntimeException e) {
                // one connection's trouble is not the others'
            }
        }
    }

    @Override
    public void destroy() {
        clock.shutdownNow();
        writers.shutdown();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
