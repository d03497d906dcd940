package dev.realtime.chat.persistence.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.testsupport.ChatTestInfrastructure;
import dev.realtime.chat.testsupport.fault.ProxyAddressTranslator;
import dev.realtime.chat.testsupport.fault.TcpProxy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.cassandra.DriverConfigLoaderBuilderCustomizer;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Cassandra unreachable for 30 s (its connections cut at a TCP proxy) under a steady stream of batches: the
 * messages wait in the persist queue, none is dead-lettered, and after the cut each is stored exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.instance-id=outage-test",
        "chat.persistence.probe-interval=250ms",
        "chat.persistence.reconnect-max-delay=1s",
        "spring.cassandra.request.timeout=3s"})
@Import({FastSchemaConfiguration.class, CassandraOutageIntegrationTests.ViaProxy.class})
@AutoConfigureObservability(tracing = false)
@DirtiesContext
class CassandraOutageIntegrationTests {

    private static final ChatTestInfrastructure infra = ChatTestInfrastructure.get();
    private static final TcpProxy proxy = TcpProxy.start(infra.cassandraContactPoint());
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    private final PersistFixture fixture = new PersistFixture();

    @Autowired
    private CqlSession serviceSession;

    @Autowired
    private CircuitBreaker breaker;

    @Autowired
    private TestRestTemplate http;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infra.registerProperties(registry);
        registry.add("spring.cassandra.contact-points", proxy::address);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ViaProxy {

        /** Every node address the cluster advertises maps to the proxy, or the driver would go around it. */
        @Bean
        DriverConfigLoaderBuilderCustomizer cassandraThroughTheProxy() {
            return builder -> ProxyAddressTranslator.applyTo(builder, proxy);
        }
    }

    @AfterAll
    static void closeProxy() {
        proxy.close();
    }

    @Test
    void keepsMessagesInTheQueueWhileCassandraIsCutAndStoresEachExactlyOnceAfterwards() {
        fixture.purge(Topology.PERSIST_DEAD_LETTER_QUEUE);
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            conversations.add(PersistFixture.uniqueConversation("outage"));
        }
        ScheduledExecutorService stream = Executors.newSingleThreadScheduledExecutor();
        int[] turn = {0};
        stream.scheduleWithFixedDelay(() -> {
            List<ChatMessage> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                batch.add(fixture.next(conversations.get(turn[0]++ % conversations.size())));
            }
            fixture.publish(batch);
        }, 0, 50, TimeUnit.MILLISECONDS); // ~200 messages per second

        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> fixture.storedSeqs(conversations.get(0)).size() >= 10);
            assertThat(proxy.acceptedConnections()).as("the service reaches Cassandra through the proxy")
                    .isPositive();

            proxy.cut();
            long cutAt = System.nanoTime();

            assertThatThrownBy(() -> serviceSession.execute("SELECT release_version FROM system.local"))
                    .as("with the proxy cut, the service's own session cannot reach Cassandra");
            await().atMost(Duration.ofSeconds(15)).until(() -> breaker.getState() == CircuitBreaker.State.OPEN);
            JsonNode readiness = http.getForObject("/actuator/health/readiness", JsonNode.class);
            assertThat(readiness.path("status").asText()).isEqualTo("UP");
            assertThat(readiness.at("/components/persistence/details/circuitBreaker").asText()).isEqualTo("OPEN");
            assertThat(readiness.at("/components/persistence/details/consuming").asBoolean()).isFalse();
            assertThat(http.getForObject("/actuator/health", JsonNode.class).path("status").asText())
                    .as("the service is fine, Cassandra is not").isEqualTo("UP");

            long depthAtOpen = fixture.depth(Topology.PERSIST_QUEUE);
            Duration rest = OUTAGE.minusNanos(System.nanoTime() - cutAt);
            await().during(rest).atMost(rest.plusSeconds(10))
                    .until(() -> fixture.depth(Topology.PERSIST_DEAD_LETTER_QUEUE) == 0
                            && breaker.getState() == CircuitBreaker.State.OPEN);
            assertThat(fixture.depth(Topology.PERSIST_QUEUE)).as("the persist queue grows during the outage")
                    .isGreaterThan(depthAtOpen + 100);

            proxy.restore();
            await().atMost(Duration.ofSeconds(20)).until(() -> breaker.getState() == CircuitBreaker.State.CLOSED);
        } finally {
            stream.shutdown();
        }
        await().atMost(Duration.ofSeconds(5)).until(stream::isTerminated);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String conversation : conversations) {
                assertThat(fixture.storedSeqs(conversation)).hasSize((int) fixture.published(conversation));
            }
        });
        long total = 0;
        for (String conversation : conversations) {
            long published = fixture.published(conversation);
            total += published;
            assertThat(fixture.storedSeqs(conversation)).as("every seq once, none missing")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, published).map(s -> published + 1 - s)
                            .boxed().toList());
            assertThat(fixture.lastSeq(conversation)).isEqualTo(published);
            assertThat(fixture.storedById("m-" + conversation + "-" + published)).isTrue();
            assertThat(fixture.storedByClientId("alice", "c-" + conversation + "-1")).isTrue();
        }
        assertThat(total).as("a steady stream before, during and after the outage").isGreaterThan(5_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> fixture.depth(Topology.PERSIST_QUEUE) == 0);
        assertThat(fixture.depth(Topology.PERSIST_DEAD_LETTER_QUEUE)).isZero();
        for (int attempt = 1; attempt <= 7; attempt++) {
            assertThat(fixture.depth(Topology.persistRetryQueue(attempt))).as("no retry spent on the outage")
                    .isZero();
        }
        String metrics = http.getForObject("/actuator/prometheus", String.class);
        assertThat(metrics).contains("chat_persist_lag_seconds{", "quantile=\"0.99\"",
                "resilience4j_circuitbreaker_state{", "chat_persist_inflight_writes", "chat_persist_written_messages_total");
        fixture.close();
    }
}
