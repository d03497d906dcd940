package dev.realtime.chat.persistence.consume;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.persistence.circuit.CassandraAvailability;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.context.SmartLifecycle;

/**
 * Consumes {@link Topology#PERSIST_QUEUE} with manual acks and a bounded prefetch, on a connection of its own.
 * Consumption follows {@link CassandraAvailability}: when the breaker opens, the consumer is cancelled
 * ({@code basicCancel}; the channel stays open, so in-flight batches can still be acked or requeued on it), and
 * when it closes, consumption resumes. Every state change runs on one control thread, which also re-opens the
 * channel after a broker failure (checked every second). Requeues go through the control thread after the
 * cancel, so a requeued batch is not redelivered to a consumer that cannot write it.
 *
 * <p>On stop: cancel, wait up to {@code shutdownTimeout} for in-flight batches to settle, then close.
 */
public final class PersistQueueConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PersistQueueConsumer.class);

    private final ConnectionFactory connectionFactory;
    private final AmqpAdmin admin;
    private final BatchProcessor processor;
    private final CassandraAvailability availability;
    private final int prefetch;
    private final Duration shutdownTimeout;
    private final String name;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object settledSignal = new Object();
    private volatile ScheduledExecutorService control;
    private volatile boolean running;
    private volatile boolean consuming;

    // control thread only
    private Connection connection;
    private Channel channel;
    private String consumerTag;
    private boolean failureLogged;

    /** @param connectionFactory a factory of its own (automatic recovery off: this class recovers) */
    public PersistQueueConsumer(ConnectionFactory connectionFactory, AmqpAdmin admin, BatchProcessor processor,
            CassandraAvailability availability, int prefetch, Duration shutdownTimeout, String name) {
        this.connectionFactory = connectionFactory;
        this.admin = admin;
        this.processor = processor;
        this.availability = availability;
        this.prefetch = prefetch;
        this.shutdownTimeout = shutdownTimeout;
        this.name = name;
        availability.onChange(() -> runOnControl(this::reconcile));
    }

    public boolean isConsuming() {
        return consuming;
    }

    public int inFlightBatches() {
        return inFlight.get();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "persist-control");
            thread.setDaemon(true);
            return thread;
        });
        control = executor;
        running = true;
        try {
            // the first attempt before start() returns: once the context is up, the queue exists and is consumed
            executor.submit(this::reconcile).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("First subscription to {} did not complete: {}", Topology.PERSIST_QUEUE, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.scheduleWithFixedDelay(this::reconcile, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        runOnControl(this::cancel);
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        synchronized (settledSignal) {
            long remaining;
            while (inFlight.get() > 0 && (remaining = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(settledSignal, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (inFlight.get() > 0) {
            log.warn("Stopping with {} batches unsettled: the broker redelivers them", inFlight.get());
        }
        runOnControl(this::closeChannel);
        ScheduledExecutorService executor = control;
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Stopped consuming {}", Topology.PERSIST_QUEUE);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void runOnControl(Runnable task) {
        ScheduledExecutorService executor = control;
        if (executor == null) {
            task.run();
            return;
        }
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run(); // stopped: do it here
        }
    }

    /** Makes the broker state match the wanted state; runs on the control thread. */
    private void reconcile() {
        if (!running) {
            return;
        }
        try {
            if (channel == null || !channel.isOpen()) {
                openChannel();
            }
            boolean wanted = availability.acceptsWrites();
            if (wanted && consumerTag == null) {
                Channel current = channel;
                consumerTag = current.basicConsume(Topology.PERSIST_QUEUE, false, name + "-" + System.nanoTime(),
                        new BatchConsumer(current));
                consuming = true;
                log.info("Consuming {} (prefetch {})", Topology.PERSIST_QUEUE, prefetch);
            } else if (!wanted && consumerTag != null) {
                cancel();
                log.warn("Stopped taking messages from {} while Cassandra is unreachable ({} batches in flight)",
                        Topology.PERSIST_QUEUE, inFlight.get());
            }
            failureLogged = false;
        } catch (IOException | RuntimeException e) {
            if (!failureLogged) {
                log.warn("Cannot consume {} ({}); retrying every second", Topology.PERSIST_QUEUE, e.toString());
                failureLogged = true;
            }
            closeChannel();
        }
    }

    private void openChannel() throws IOException {
        closeChannel();
        admin.initialize(); // the queue exists before we consume it (idempotent declarations)
        try {
            connection = connectionFactory.newConnection(name);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("connection timed out", e);
        }
        channel = connection.createChannel();
        channel.basicQos(prefetch);
    }

    private void cancel() {
        consuming = false;
        String tag = consumerTag;
        consumerTag = null;
        if (tag != null && channel != null && channel.isOpen()) {
            try {
                channel.basicCancel(tag);
            } catch (IOException | RuntimeException e) {
                log.debug("basicCancel failed: {}", e.toString());
            }
        }
    }

    private void closeChannel() {
        consuming = false;
        consumerTag = null;
        if (connection != null) {
            try {
                connection.close(5_000);
            } catch (IOException | RuntimeException e) {
                log.debug("closing the consumer connection failed: {}", e.toString());
            }
        }
        connection = null;
        channel = null;
    }

    private void settled() {
        inFlight.decrementAndGet();
        synchronized (settledSignal) {
            settledSignal.notifyAll();
        }
    }

    private final class BatchConsumer extends DefaultConsumer {

        BatchConsumer(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            inFlight.incrementAndGet();
            ChannelBatch batch = new ChannelBatch(getChannel(), envelope.getDeliveryTag(), properties, body);
            try {
                processor.process(batch);
            } catch (RuntimeException e) {
                log.warn("Unexpected failure processing a batch, requeueing it: {}", e.toString());
                batch.requeue();
            }
        }

        @Override
        public void handleCancel(String tag) {
            log.warn("The broker cancelled the consumer of {}; re-subscribing", Topology.PERSIST_QUEUE);
            Channel cancelled = getChannel();
            runOnControl(() -> {
                if (channel == cancelled) {
                    consumerTag = null;
                    consuming = false;
                }
            });
        }
    }

    /** A delivery, settled once, on the channel it came from (a tag means nothing on another channel). */
    private final class ChannelBatch implements InboundBatch {

        private final Channel deliveryChannel;
        private final long deliveryTag;
        private final AMQP.BasicProperties properties;
        private final byte[] body;
        private final AtomicBoolean settled = new AtomicBoolean();

        ChannelBatch(Channel deliveryChannel, long deliveryTag, AMQP.BasicProperties properties, byte[] body) {
            this.deliveryChannel = deliveryChannel;
            this.deliveryTag = deliveryTag;
            this.properties = properties;
            this.body = body;
        }

        @Override
        public byte[] body() {
            return body;
        }

        @Override
        public AMQP.BasicProperties properties() {
            return properties;
        }

        @Override
        public void ack() {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            try {
                if (deliveryChannel.isOpen()) {
                    deliveryChannel.basicAck(deliveryTag, false);
                }
            } catch (IOException | RuntimeException e) {
                log.debug("ack failed (the broker redelivers the batch): {}", e.toString());
            } finally {
                settled();
            }
        }

        @Override
        public void requeue() {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            runOnControl(() -> {
                try {
                    reconcile(); // cancel first if the breaker is open: no instant redelivery to us
                    if (deliveryChannel.isOpen()) {
                        deliveryChannel.basicNack(deliveryTag, false, true);
                    }
                } catch (IOException | RuntimeException e) {
                    log.debug("nack failed (the broker redelivers the batch): {}", e.toString());
                } finally {
                    settled();
                }
            });
        }
    }
}
