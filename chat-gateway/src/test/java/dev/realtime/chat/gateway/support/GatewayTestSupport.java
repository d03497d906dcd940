package dev.realtime.chat.gateway.support;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.realtime.chat.gateway.auth.JwtTokenService;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.topology.RedisKeys;
import dev.realtime.chat.testsupport.ChatTestInfrastructure;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Users, conversations and a broker probe for the gateway's integration tests. */
public final class GatewayTestSupport {

    private GatewayTestSupport() {
    }

    public static ChatTestInfrastructure infra() {
        return ChatTestInfrastructure.get();
    }

    public static RedisKeys keys() {
        return new RedisKeys(infra().redisKeyPrefix());
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public record TestUser(String userId, String token) {
    }

    public static TestUser user(JwtTokenService tokens, String name) {
        String userId = unique(name);
        return new TestUser(userId, tokens.issue(userId, name).token());
    }

    /** A conversation with these members, in Redis (membership cache) and Cassandra (the source of truth). */
    public static String conversation(String... memberIds) {
        String conversationId = unique("conv");
        infra().redisClient().connect().sync().sadd(keys().conversationMembers(conversationId), memberIds);
        CqlSession cql = infra().cqlSession();
        for (String member : memberIds) {
            cql.execute(com.datastax.oss.driver.api.core.cql.SimpleStatement.newInstance("INSERT INTO "
                    + infra().cassandraKeyspace() + ".conversation_members (conversation_id, user_id, joined_at) "
                    + "VALUES (?, ?, ?)", conversationId, member, Instant.now()));
        }
        return conversationId;
    }

    /** One AMQP message a probe received. */
    public record Received(String routingKey, String type, boolean persistent, JsonNode body) {
    }

    /** Consumes queues of this JVM's vhost into a list (tests assert what the gateway published). */
    public static final class AmqpProbe implements AutoCloseable {

        private final Connection connection;
        private final Channel channel;
        private final List<Received> received = new CopyOnWriteArrayList<>();

        public AmqpProbe(String... queues) {
            try {
                connection = infra().rabbitConnectionFactory().newConnection("gateway-test-probe");
                channel = connection.createChannel();
                for (String queue : queues) {
                    channel.basicConsume(queue, true, new DefaultConsumer(channel) {
                        @Override
                        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                                byte[] body) throws IOException {
                            received.add(new Received(envelope.getRoutingKey(), properties.getType(),
                                    Integer.valueOf(2).equals(properties.getDeliveryMode()),
                                    JsonCodec.mapper().readTree(body)));
                        }
                    });
                }
            } catch (IOException | TimeoutException e) {
                throw new IllegalStateException(e);
            }
        }

        public List<Received> received() {
            return List.copyOf(received);
        }

        public Received await(Predicate<Received> predicate, Duration timeout) {
            Awaitility.await().atMost(timeout).until(() -> received.stream().anyMatch(predicate));
            return received.stream().filter(predicate).findFirst().orElseThrow();
        }

        public void publish(String exchange, String routingKey, String type, Object body) {
            try {
                channel.basicPublish(exchange, routingKey, new AMQP.BasicProperties.Builder()
                        .contentType("application/json").type(type).build(), JsonCodec.toBytes(body));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (IOException | RuntimeException e) {
                // closing anyway
            }
        }
    }
}
