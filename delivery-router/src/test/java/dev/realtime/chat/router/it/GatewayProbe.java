package dev.realtime.chat.router.it;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DeliverCallback;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.GatewayDelivery;
import dev.realtime.chat.support.amqp.SharedTopology;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Queue;

/** Plays gateways in router tests: declares their queues as a gateway does and collects what arrives. */
final class GatewayProbe implements AutoCloseable {

    /** A delivery as a gateway receives it. */
    record Received(String type, boolean persistent, GatewayDelivery delivery) {
    }

    private final Connection connection;
    private final Channel channel;
    private final Map<String, BlockingQueue<Received>> received = new LinkedHashMap<>();

    private GatewayProbe(ConnectionFactory factory, List<String> gatewayIds) throws IOException, TimeoutException {
        this.connection = factory.newConnection("gateway-probe");
        this.channel = connection.createChannel();
        for (String gatewayId : gatewayIds) {
            BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
            received.put(gatewayId, inbox);
            String queueName = null;
            for (Declarable declarable : SharedTopology.gatewayDeclarables(gatewayId)) {
                if (declarable instanceof Queue queue) {
                    channel.queueDeclare(queue.getName(), queue.isDurable(), queue.isExclusive(), queue.isAutoDelete(),
                            queue.getArguments());
                    queueName = queue.getName();
                } else if (declarable instanceof Binding binding) {
                    channel.queueBind(binding.getDestination(), binding.getExchange(), binding.getRoutingKey(),
                            binding.getArguments());
                }
            }
            DeliverCallback onDelivery = (tag, delivery) -> inbox.add(new Received(
                    delivery.getProperties().getType(),
                    Integer.valueOf(2).equals(delivery.getProperties().getDeliveryMode()),
                    JsonCodec.fromBytes(delivery.getBody(), GatewayDelivery.class)));
            channel.basicConsume(queueName, true, onDelivery, tag -> { });
        }
    }

    static GatewayProbe start(ConnectionFactory factory, String... gatewayIds) {
        try {
            return new GatewayProbe(factory, List.of(gatewayIds));
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("cannot declare the gateway queues", e);
        }
    }

    /** The next delivery of {@code gatewayId}, or null after {@code timeout}. */
    Received poll(String gatewayId, Duration timeout) throws InterruptedException {
        return received.get(gatewayId).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Exactly {@code count} deliveries, each within {@code timeout} of the previous one. */
    List<Received> take(String gatewayId, int count, Duration timeout) throws InterruptedException {
        List<Received> all = new ArrayList<>(count);
        while (all.size() < count) {
            Received next = poll(gatewayId, timeout);
            if (next == null) {
                throw new AssertionError("gateway " + gatewayId + " got " + all.size() + " deliveries, expected "
                        + count);
            }
            all.add(next);
        }
        return all;
    }

    /**
     * Deliveries until they carry {@code items} items in all (the router merges the batches of a group into one
     * delivery per gateway, so how many deliveries that takes depends on timing), each within {@code timeout}.
     */
    List<Received> takeItems(String gatewayId, int items, Duration timeout) throws InterruptedException {
        List<Received> all = new ArrayList<>();
        int seen = 0;
        while (seen < items) {
            Received next = poll(gatewayId, timeout);
            if (next == null) {
                throw new AssertionError("gateway " + gatewayId + " got " + seen + " items, expected " + items);
            }
            all.add(next);
            seen += next.delivery().items().size();
        }
        return all;
    }

    @Override
    public void close() throws IOException {
        for (String gatewayId : received.keySet()) {
            try {
                channel.queueDelete(dev.realtime.chat.model.topology.Topology.gatewayQueue(gatewayId));
            } catch (IOException | RuntimeException e) {
                // the queue expires by itself anyway
            }
        }
        connection.close();
    }
}
