package dev.realtime.chat.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.gateway.ApiClient;
import dev.realtime.chat.gateway.ApiClient.User;
import dev.realtime.chat.gateway.Seeds;
import dev.realtime.chat.gateway.conversation.ConversationMembers;
import dev.realtime.chat.testsupport.ChatTestInfrastructure;
import dev.realtime.chat.testsupport.fault.ProxyAddressTranslator;
import dev.realtime.chat.testsupport.fault.TcpProxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.cassandra.DriverConfigLoaderBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Cassandra behind a TCP proxy that the tests cut or blackhole: what Redis can answer keeps working (membership of
 * the send path, recent history), the rest answers 503 quickly, nothing hangs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.auth.jwt-secret=integration-tests-secret-0123456789abcdef",
        "chat.auth.bcrypt-strength=4",
        "chat.api.cassandra-timeout=1s",
        "chat.conversation.members-cassandra-timeout=1s",
        // No in-process caching: every membership read must reach Redis.
        "chat.conversation.members-cache-ttl=1ms" })
class CassandraDownIntegrationTests {

    private static final ChatTestInfrastructure INFRA = ChatTestInfrastructure.get();
    private static final TcpProxy CASSANDRA = TcpProxy.start(INFRA.cassandraContactPoint());
    private static final Duration FAST = Duration.ofSeconds(4);
    private static Seeds seeds;
    private static Fixture fixture;

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private ConversationMembers members;

    private record Fixture(User alice, User bob, String group) {
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ThroughTheProxy {

        @Bean
        DriverConfigLoaderBuilderCustomizer cassandraThroughProxy() {
            return builder -> ProxyAddressTranslator.applyTo(builder, CASSANDRA);
        }
    }

    @DynamicPropertySource
    static void infrastructureWithProxiedCassandra(DynamicPropertyRegistry registry) {
        INFRA.properties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.cassandra.contact-points", CASSANDRA::address);
    }

    @BeforeEach
    void setUpOnceWhileCassandraIsUp() {
        if (fixture != null) {
            return;
        }
        seeds = new Seeds(INFRA);
        ApiClient api = api();
        User alice = api.newUser("alice");
        User bob = api.newUser("bob");
        String group = api.createGroup(alice, "Outage", List.of(bob.userId()));
        seeds.redisHistory(Seeds.messages(group, 1, 30, bob.userId()));
        seeds.redisSeq(group, 30);
        // Reading the members once fills the Redis set the send path will need during the outage.
        members.members(group).toCompletableFuture().join();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> seeds.redis().scard(seeds.keys().conversationMembers(group)) == 2);
        fixture = new Fixture(alice, bob, group);
    }

    @AfterEach
    void restoreCassandra() {
        CASSANDRA.restore();
    }

    @AfterAll
    static void close() {
        if (seeds != null) {
            seeds.close();
        }
    }

    private ApiClient api() {
        return new ApiClient(rest, INFRA.runId());
    }

    private static ApiClient.Response timed(Supplier<ApiClient.Response> call) {
        long start = System.nanoTime();
        ApiClient.Response response = call.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answer time").isLessThan(FAST);
        return response;
    }

    @Test
    void membershipOfTheSendPathComesFromRedisWhileCassandraIsDown() {
        CASSANDRA.cut();

        assertThat(members.members(fixture.group()).toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join())
                .containsExactlyInAnyOrder(fixture.alice().userId(), fixture.bob().userId());
    }

    @Test
    void recentHistoryIsServedFromRedisWhileCassandraIsDown() {
        CASSANDRA.cut();
        ApiClient api = api();

        JsonNode page = timed(() -> api.get("/api/conversations/" + fixture.group() + "/messages?limit=10",
                fixture.bob().token())).expect(200).body();

        assertThat(page.get("messages")).hasSize(10);
        assertThat(page.get("messages").get(0).get("seq").asLong()).isEqualTo(30);
        assertThat(page.get("hasMore").asBoolean()).isTrue();
    }

    @Test
    void whatNeedsCassandraAnswers503QuicklyWhenItIsCut() {
        CASSANDRA.cut();
        ApiClient api = api();

        timed(() -> api.get("/api/conversations", fixture.alice().token())).expectError(503, "unavailable");
        timed(() -> api.post("/api/auth/login", null,
                Map.of("username", fixture.alice().username(), "password", "password-1")))
                .expectError(503, "unavailable");
        timed(() -> api.post("/api/auth/register", null,
                Map.of("username", api.uniqueName("late"), "password", "password-1")))
                .expectError(503, "unavailable");
        timed(() -> api.get("/api/conversations/" + fixture.group() + "/messages?afterSeq=0",
                fixture.alice().token())).expect(200); // Redis holds 1..30: the whole range
    }

    @Test
    void aCassandraThatNeverAnswersIsATimeoutNotAHang() {
        CASSANDRA.blackhole();
        ApiClient api = api();

        timed(() -> api.get("/api/conversations/" + fixture.group(), fixture.alice().token()))
                .expectError(503, "unavailable");
        timed(() -> api.post("/api/conversations", fixture.alice().token(),
                Map.of("type", "group", "name", "During outage"))).expectError(503, "unavailable");
    }
}
