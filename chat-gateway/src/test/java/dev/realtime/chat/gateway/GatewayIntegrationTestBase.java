package dev.realtime.chat.gateway;

import static dev.realtime.chat.gateway.support.GatewayTestSupport.conversation;
import static dev.realtime.chat.gateway.support.GatewayTestSupport.infra;
import static dev.realtime.chat.gateway.support.GatewayTestSupport.keys;
import static dev.realtime.chat.gateway.support.GatewayTestSupport.user;
import static dev.realtime.chat.testsupport.stomp.StompTestClient.bearer;
import static dev.realtime.chat.testsupport.stomp.StompTestClient.body;
import static dev.realtime.chat.testsupport.stomp.StompTestClient.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.gateway.auth.JwtTokenService;
import dev.realtime.chat.gateway.support.GatewayTestSupport.AmqpProbe;
import dev.realtime.chat.gateway.support.GatewayTestSupport.Received;
import dev.realtime.chat.gateway.support.GatewayTestSupport.TestUser;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.DeliveryItem;
import dev.realtime.chat.model.envelope.GatewayDelivery;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.testsupport.fault.TcpProxy;
import dev.realtime.chat.testsupport.stomp.StompTestClient;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import dev.realtime.chat.gateway.websocket.StompConnections;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One gateway context for every integration test class of this module (the context cache shares it): real
 * RabbitMQ, Redis and Cassandra, the first two behind {@link TcpProxy}s so that fault tests can cut them. No
 * delivery router runs: tests consume the shard queues to see what the gateway published, and publish
 * GatewayDeliveries to the gateway's queue themselves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.auth.allow-dev-secret=true", "chat.instance-id=gw-it", "chat.worker-id=7",
        "chat.gateway.send-buffer-bytes=524288", "chat.gateway.send-time-limit=2s",
        // Generous for a loaded CI machine; the fault tests still expect `unavailable` in under 8 s.
        "chat.gateway.redis-timeout=4s" })
abstract class GatewayIntegrationTestBase {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final TcpProxy RABBIT = TcpProxy.start(infra().rabbitHost(), infra().rabbitPort());
    static final TcpProxy REDIS = TcpProxy.start(infra().redisHost(), infra().redisPort());
    static AmqpProbe shards;
    static AmqpProbe presence;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Map<String, String> properties = new java.util.LinkedHashMap<>(infra().properties());
        properties.put("spring.rabbitmq.host", RABBIT.host());
        properties.put("spring.rabbitmq.port", Integer.toString(RABBIT.port()));
        properties.put("spring.data.redis.host", REDIS.host());
        properties.put("spring.data.redis.port", Integer.toString(REDIS.port()));
        properties.forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;
    @Autowired
    JwtTokenService tokens;
    @Autowired
    MeterRegistry meters;
    @Autowired
    StompConnections connections;

    final List<StompTestClient> clients = new ArrayList<>();

    @BeforeEach
    void probes() {
        if (shards == null) {
            shards = new AmqpProbe(IntStream.range(0, 4).mapToObj(Topology::deliveryQueue).toArray(String[]::new));
            presence = new AmqpProbe(Topology.PRESENCE_QUEUE);
        }
    }

    @org.junit.jupiter.api.AfterEach
    void closeClients() {
        clients.forEach(StompTestClient::close);
    }

    @AfterAll
    static void closeProbes() {
        if (shards != null) {
            shards.close();
            presence.close();
            shards = null; // the next test class opens its own
            presence = null;
        }
    }

    String url() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    StompTestClient connect(TestUser user) {
        StompTestClient client = StompTestClient.connect(url(), bearer(user.token()));
        clients.add(client);
        return client;
    }

    static Map<String, Object> send(String conversationId, String clientMessageId, String content) {
        return body("conversationId", conversationId, "clientMessageId", clientMessageId, "content", content);
    }

    /** Chat messages the gateway published with this clientMessageId, one entry per copy on the shard queues. */
    static List<JsonNode> publishedCopies(String clientMessageId) {
        List<JsonNode> copies = new ArrayList<>();
        for (Received received : shards.received()) {
            if (Topology.TYPE_MESSAGE_BATCH.equals(received.type())) {
                for (JsonNode envelope : received.body().get("messages")) {
                    if (clientMessageId.equals(envelope.at("/message/clientMessageId").asText())) {
                        copies.add(envelope);
                    }
                }
            }
        }
        return copies;
    }
}
