package dev.realtime.chat.router.forward;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.ShutdownSignalException;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.router.routing.Forward;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

/**
 * A {@link GatewayPublisher} on a raw channel of its own, in confirm mode, opened from the shared Spring
 * connection (so it follows the connection's recovery). One channel keeps publishes in call order, which is what
 * keeps the order of a shard; confirms complete the futures on the connection's thread. A closed channel fails
 * its outstanding futures and is replaced by the next group's publish, never within a group.
 */
public final class ConfirmingChannelPublisher implements GatewayPublisher {

    private static final Logger log = LoggerFactory.getLogger(ConfirmingChannelPublisher.class);

    /** Transient (the gateway hop is transient by design), typed, JSON. */
    static final AMQP.BasicProperties PROPERTIES = new AMQP.BasicProperties.Builder()
            .type(Topology.TYPE_GATEWAY_DELIVERY)
            .contentType("application/json")
            .deliveryMode(1)
            .build();

    private final ConnectionFactory connectionFactory;
    private final String name;
    private ConfirmChannel current;

    public ConfirmingChannelPublisher(ConnectionFactory connectionFactory, String name) {
        this.connectionFactory = connectionFactory;
        this.name = name;
    }

    @Override
    public CompletableFuture<Void> publish(List<Forward> forwards) {
        if (forwards.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        ConfirmChannel channel;
        try {
            channel = channel();
        } catch (IOException | AmqpException | ShutdownSignalException e) {
            return CompletableFuture.failedFuture(new PublishFailedException("no channel to publish on", e));
        }
        List<CompletableFuture<Void>> confirms = new ArrayList<>(forwards.size());
        for (Forward forward : forwards) {
            confirms.add(channel.publish(forward.exchange(), forward.routingKey(),
                    JsonCodec.toBytes(forward.delivery())));
        }
        return CompletableFuture.allOf(confirms.toArray(CompletableFuture[]::new));
    }

    private ConfirmChannel channel() throws IOException {
        ConfirmChannel open = current;
        if (open != null && open.channel.isOpen()) {
            return open;
        }
        if (open != null) {
            open.abort();
        }
        Connection connection = connectionFactory.createConnection();
        com.rabbitmq.client.Connection raw = connection.getDelegate();
        if (raw == null) {
            throw new IOException("the connection factory exposes no AMQP connection");
        }
        Channel channel = raw.createChannel();
        if (channel == null) {
            throw new IOException("no channel available on the connection");
        }
        current = new ConfirmChannel(channel);
        log.debug("Publisher {} opened channel {}", name, channel.getChannelNumber());
        return current;
    }

    @Override
    public void abandonChannel() {
        ConfirmChannel open = current;
        current = null;
        if (open != null) {
            open.fail(new PublishFailedException("confirms timed out", null));
            open.abort();
        }
    }

    @Override
    public void close() {
        ConfirmChannel open = current;
        current = null;
        if (open != null) {
            open.close();
        }
    }

    private static final class ConfirmChannel implements ConfirmListener {

        final Channel channel;
        private final ConcurrentNavigableMap<Long, CompletableFuture<Void>> outstanding = new ConcurrentSkipListMap<>();

        ConfirmChannel(Channel channel) throws IOException {
            this.channel = channel;
            channel.confirmSelect();
            channel.addConfirmListener(this);
            channel.addShutdownListener(cause -> fail(new PublishFailedException("channel closed", cause)));
        }

        CompletableFuture<Void> publish(String exchange, String routingKey, byte[] body) {
            if (!channel.isOpen()) {
                // never reopened mid-group: what follows a failed publish must not overtake it
                return CompletableFuture.failedFuture(new PublishFailedException("channel closed",
                        channel.getCloseReason()));
            }
            long seq = channel.getNextPublishSeqNo();
            CompletableFuture<Void> confirmed = new CompletableFuture<>();
            outstanding.put(seq, confirmed);
            try {
                channel.basicPublish(exchange, routingKey, false, PROPERTIES, body);
            } catch (IOException | ShutdownSignalException e) {
                outstanding.remove(seq);
                confirmed.completeExceptionally(new PublishFailedException("publish failed", e));
            }
            if (!channel.isOpen()) {
                // closed between the put and the publish: the shutdown listener may have run before the put
                fail(new PublishFailedException("channel closed", channel.getCloseReason()));
            }
            return confirmed;
        }

        @Override
        public void handleAck(long deliveryTag, boolean multiple) {
            complete(deliveryTag, multiple, null);
        }

        @Override
        public void handleNack(long deliveryTag, boolean multiple) {
            complete(deliveryTag, multiple, new PublishFailedException("broker nacked a gateway delivery", null));
        }

        private void complete(long deliveryTag, boolean multiple, RuntimeException failure) {
            if (multiple) {
                Map<Long, CompletableFuture<Void>> done = outstanding.headMap(deliveryTag, true);
                for (CompletableFuture<Void> future : done.values()) {
                    settle(future, failure);
                }
                done.clear();
            } else {
                CompletableFuture<Void> future = outstanding.remove(deliveryTag);
                if (future != null) {
                    settle(future, failure);
                }
            }
        }

        private static void settle(CompletableFuture<Void> future, RuntimeException failure) {
            if (failure == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(failure);
            }
        }

        void fail(RuntimeException failure) {
            while (!outstanding.isEmpty()) {
                Map.Entry<Long, CompletableFuture<Void>> entry = outstanding.pollFirstEntry();
                if (entry != null) {
                    entry.getValue().completeExceptionally(failure);
                }
            }
        }

        void abort() {
            try {
                channel.abort();
            } catch (IOException | RuntimeException e) {
                log.debug("aborting a publisher channel failed", e);
            }
        }

        void close() {
            try {
                if (channel.isOpen()) {
                    channel.close();
                }
            } catch (IOException | java.util.concurrent.TimeoutException | RuntimeException e) {
                log.debug("closing a publisher channel failed", e);
            }
            fail(new PublishFailedException("publisher closed", null));
        }
    }
}
