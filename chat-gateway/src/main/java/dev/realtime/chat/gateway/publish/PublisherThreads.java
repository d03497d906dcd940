package dev.realtime.chat.gateway.publish;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The only threads that call into the AMQP client (a publish can block on a socket write, on connection set-up
 * or on broker flow control): never a WebSocket, inbound-channel or Redis thread. Not an {@code Executor} bean, so
 * that Spring Boot's own task executor stays as it is.
 */
public final class PublisherThreads implements AutoCloseable {

    private final ExecutorService executor;

    public PublisherThreads(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "gateway-publisher-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public ExecutorService executor() {
        return executor;
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
