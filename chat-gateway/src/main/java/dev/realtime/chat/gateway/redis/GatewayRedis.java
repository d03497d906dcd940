package dev.realtime.chat.gateway.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Lettuce connection of the real-time path. One connection on purpose: Redis answers the commands of one
 * connection in the order they were written, and Lettuce completes their futures in that order on one event loop
 * thread. The send path relies on it (see {@code SequenceAllocator}).
 *
 * <p>Commands fail fast instead of queueing while Redis is unreachable ({@code REJECT_COMMANDS}) and time out after
 * {@code chat.gateway.redis-timeout}, so a dead Redis costs a client an {@code unavailable} error, never a hang.
 * If Redis is down at start, the gateway starts anyway and keeps trying to connect in the background.
 */
public class GatewayRedis implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GatewayRedis.class);

    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final AtomicReference<StatefulRedisConnection<String, String>> connection = new AtomicReference<>();
    private final ScheduledExecutorService reconnector;
    private volatile boolean closed;

    public GatewayRedis(RedisURI uri, Duration commandTimeout) {
        this.uri = uri;
        // Reconnect fast and often (100 ms doubling to 2 s): the send path answers unavailable until then.
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(() -> Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(2), 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.builder().fixedTimeout(commandTimeout).build())
                .build());
        this.reconnector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "gateway-redis-connect");
            thread.setDaemon(true);
            return thread;
        });
        connect();
    }

    private void connect() {
        if (closed) {
            return;
        }
        CompletableFuture<StatefulRedisConnection<String, String>> attempt = client.connectAsync(StringCodec.UTF8, uri)
                .toCompletableFuture();
        attempt.whenComplete((conn, error) -> {
            if (error == null) {
                if (closed) {
                    conn.closeAsync();
                    return;
                }
                connection.set(conn);
                log.info("Redis connected at {}:{}", uri.getHost(), uri.getPort());
            } else {
                log.warn("Redis at {}:{} unreachable ({}); retrying in 2 s", uri.getHost(), uri.getPort(),
                        error.getClass().getSimpleName());
                reconnector.schedule(this::connect, 2, TimeUnit.SECONDS);
            }
        });
    }

    /**
     * The async commands of the shared connection.
     *
     * @throws RedisUnavailableException when there is no connection yet
     */
    public RedisAsyncCommands<String, String> async() {
        StatefulRedisConnection<String, String> conn = connection.get();
        if (conn == null) {
            throw new RedisUnavailableException("Redis is not connected");
        }
        return conn.async();
    }

    /**
     * The shared connection itself, for commands that must register their callback before being written.
     *
     * @throws RedisUnavailableException when there is no connection yet
     */
    public StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> conn = connection.get();
        if (conn == null) {
            throw new RedisUnavailableException("Redis is not connected");
        }
        return conn;
    }

    public boolean isConnected() {
        StatefulRedisConnection<String, String> conn = connection.get();
        return conn != null && conn.isOpen();
    }

    @Override
    public void close() {
        closed = true;
        reconnector.shutdownNow();
        StatefulRedisConnection<String, String> conn = connection.getAndSet(null);
        if (conn != null) {
            conn.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** Redis cannot be used right now. Transient. */
    public static class RedisUnavailableException extends RuntimeException {

        public RedisUnavailableException(String message) {
            super(message);
        }
    }
}
