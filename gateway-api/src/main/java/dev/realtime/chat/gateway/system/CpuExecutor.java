package dev.realtime.chat.gateway.system;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * A small bounded pool for CPU-heavy work (BCrypt), so that it never runs on Redis/Cassandra I/O threads. When
 * full, the work fails with {@link DependencyUnavailableException} (503) instead of queueing without bound.
 */
@Component
public class CpuExecutor implements Executor, DisposableBean {

    private final ThreadPoolExecutor pool;

    public CpuExecutor(ApiProperties properties) {
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(properties.cpuThreads(), properties.cpuThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.cpuQueue()), runnable -> {
                    Thread thread = new Thread(runnable, "gateway-api-cpu-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void execute(Runnable command) {
        pool.execute(command);
    }

    public <T> CompletableFuture<T> supply(Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new DependencyUnavailableException("cpu", e));
        }
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }
}
