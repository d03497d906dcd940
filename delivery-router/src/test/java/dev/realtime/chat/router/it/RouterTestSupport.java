package dev.realtime.chat.router.it;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.MessageBatch;
import dev.realtime.chat.model.envelope.MessageEnvelope;
import dev.realtime.chat.model.topology.RedisKeys;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.router.DeliveryRouterApplication;
import dev.realtime.chat.testsupport.ChatTestInfrastructure;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starting routers and playing the gateways' publishing side, for the router's integration tests. */
final class RouterTestSupport implements AutoCloseable {

    static final int SHARDS = 4;
    private static final AtomicLong IDS = new AtomicLong();

    final ChatTestInfrastructure infra = ChatTestInfrastructure.get();
    final RedisKeys keys = new RedisKeys(infra.redisKeyPrefix());
    private final Connection connection;
    private final Channel channel;
    private final StatefulRedisConnection<String, String> redisConnection;

    RouterTestSupport() {
        try {
            this.connection = infra.rabbitConnectionFactory().newConnection("router-test-publisher");
            this.channel = connection.createChannel();
            channel.confirmSelect();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
        this.redisConnection = infra.redisClient().connect();
    }

    static ConfigurableApplicationContext startRouter(Map<String, String> extra) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("chat.instance-id", "router-test");
        properties.put("chat.delivery-shards", Integer.toString(SHARDS));
        properties.putAll(extra);
        return new SpringApplicationBuilder(DeliveryRouterApplication.class)
                .run(ChatTestInfrastructure.get().asArguments(properties));
    }

    /** A unique id for this test run: conversations, users and gateways never collide between tests. */
    static String unique(String prefix) {
        return prefix + "-" + IDS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    RedisCommands<String, String> redis() {
        return redisConnection.sync();
    }

    /** A session of {@code userId} on {@code gatewayId}, live for a minute (as the gateway writes it). */
    void connect(String userId, String gatewayId) {
        redis().zadd(keys.userGateways(userId), System.currentTimeMillis() + 60_000, gatewayId);
    }

    /** An entry whose expiry has passed (the gateway stopped refreshing it). */
    void staleSession(String userId, String gatewayId) {
        redis().zadd(keys.userGateways(userId), System.currentTimeMillis() - 1_000, gatewayId);
    }

    static ChatMessage message(String conversationId, long seq) {
        return new ChatMessage("m-" + conversationId + "-" + seq, conversationId, seq, "sender", "text " + seq,
                Instant.parse("2025-06-01T12:00:00Z").plusMillis(seq), "cm-" + seq);
    }

    static MessageBatch batch(String conversationId, long firstSeq, int count, List<String> members) {
        List<MessageEnvelope> envelopes = new java.util.ArrayList<>();
        for (long seq = firstSeq; seq < firstSeq + count; seq++) {
            envelopes.add(new MessageEnvelope(message(conversationId, seq), members));
        }
        return new MessageBatch("gw-test", envelopes);
    }

    /** Publishes as the gateway does: persistent, typed, to the shard of the conversation, confirmed. */
    void publish(String conversationId, Object body, String type) {
        publishRaw(Topology.messageRoutingKey(Topology.shardOf(conversationId, SHARDS)), JsonCodec.toBytes(body), type);
    }

    void publishEvents(String shardKeyId, Object body) {
        publishRaw(Topology.eventRoutingKey(Topology.shardOf(shardKeyId, SHARDS)), JsonCodec.toBytes(body),
                Topology.TYPE_EVENT_BATCH);
    }

    /** Publishes many batches back to back and waits for all their confirms once. */
    void publishAll(String conversationId, List<?> bodies, String type) {
        String routingKey = Topology.messageRoutingKey(Topology.shardOf(conversationId, SHARDS));
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().type(type)
                .contentType("application/json").deliveryMode(2).build();
        try {
            for (Object body : bodies) {
                channel.basicPublish(Topology.MESSAGES_EXCHANGE, routingKey, true, properties, JsonCodec.toBytes(body));
            }
            channel.waitForConfirmsOrDie(30_000);
        } catch (IOException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    void publishRaw(String routingKey, byte[] body, String type) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().type(type)
                .contentType("application/json").deliveryMode(2).build();
        try {
            channel.basicPublish(Topology.MESSAGES_EXCHANGE, routingKey, true, properties, body);
            channel.waitForConfirmsOrDie(10_000);
        } catch (IOException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    Channel channel() {
        return channel;
    }

    @Override
    public void close() throws IOException, TimeoutException {
        redisConnection.close();
        connection.close();
    }
}
