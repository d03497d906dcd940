package dev.realtime.chat.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.gateway.ApiClient;
import dev.realtime.chat.gateway.ApiClient.User;
import dev.realtime.chat.gateway.Seeds;
import dev.realtime.chat.gateway.conversation.ConversationMembers;
import dev.realtime.chat.testsupport.ChatTestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The app pointed at a dead Redis port: everything that has a Cassandra fallback keeps working, without hanging. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.auth.jwt-secret=integration-tests-secret-0123456789abcdef",
        "chat.auth.bcrypt-strength=4" })
class RedisDownIntegrationTests {

    private static final ChatTestInfrastructure INFRA = ChatTestInfrastructure.get();
    private static final Duration FAST = Duration.ofSeconds(3);
    private static Seeds seeds;

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private ConversationMembers members;
    @Autowired
    private RedisGuard redisGuard;

    @DynamicPropertySource
    static void infrastructureWithDeadRedis(DynamicPropertyRegistry registry) {
        INFRA.properties().forEach((name, value) -> {
            if (!name.equals("spring.data.redis.port")) {
                registry.add(name, () -> value);
            }
        });
        registry.add("spring.data.redis.port", RedisDownIntegrationTests::deadPort);
    }

    private static int deadPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void close() {
        if (seeds != null) {
            seeds.close();
        }
    }

    private Seeds seeds() {
        if (seeds == null) {
            seeds = new Seeds(INFRA);
        }
        return seeds;
    }

    private ApiClient api() {
        return new ApiClient(rest, INFRA.runId());
    }

    private ApiClient.Response timed(java.util.function.Supplier<ApiClient.Response> call) {
        long start = System.nanoTime();
        ApiClient.Response response = call.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("answer time").isLessThan(FAST);
        return response;
    }

    private static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.get("messages").forEach(message -> seqs.add(message.get("seq").asLong()));
        return seqs;
    }

    @Test
    void accountsAndConversationsWorkWithoutRedis() {
        ApiClient api = api();
        User alice = api.newUser("alice");
        User bob = api.newUser("bob");

        String direct = api.createDirect(alice, bob);
        String group = api.createGroup(alice, "No Redis", List.of(bob.userId()));

        assertThat(api.createDirect(bob, alice)).isEqualTo(direct);
        timed(() -> api.get("/api/conversations/" + group, bob.token())).expect(200);
        assertThat(timed(() -> api.get("/api/conversations", alice.token())).expect(200).body()).hasSize(2);
        assertThat(members.members(group).toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join())
                .containsExactlyInAnyOrder(alice.userId(), bob.userId());
    }

    @Test
    void historyAndConversationStateComeFromCassandra() {
        ApiClient api = api();
        User alice = api.newUser("alice");
        User bob = api.newUser("bob");
        String group = api.createGroup(alice, "History", List.of(bob.userId()));
        seeds().cassandra(Seeds.messages(group, 1, 60, bob.userId()));
        seeds().activity(group, 60, Seeds.message(group, 60, bob.userId()).sentAt());
        seeds().cassandraReadMark(group, alice.userId(), 50);
        String base = "/api/conversations/" + group + "/messages";

        JsonNode newest = timed(() -> api.get(base + "?limit=50", alice.token())).expect(200).body();
        JsonNode older = timed(() -> api.get(base + "?beforeSeq=11&limit=50", alice.token())).expect(200).body();
        JsonNode sync = timed(() -> api.get(base + "?afterSeq=0&limit=500", alice.token())).expect(200).body();
        JsonNode view = timed(() -> api.get("/api/conversations/" + group, alice.token())).expect(200).body();

        assertThat(seqs(newest)).containsExactlyElementsOf(LongStream.iterate(60, s -> s - 1).limit(50).boxed().toList());
        assertThat(newest.get("hasMore").asBoolean()).isTrue();
        assertThat(seqs(older)).containsExactlyElementsOf(LongStream.iterate(10, s -> s - 1).limit(10).boxed().toList());
        assertThat(older.get("hasMore").asBoolean()).isFalse();
        assertThat(seqs(sync)).containsExactlyElementsOf(LongStream.rangeClosed(1, 60).boxed().toList());
        assertThat(view.get("lastSeq").asLong()).isEqualTo(60);
        assertThat(view.get("unread").asLong()).isEqualTo(10);
        assertThat(view.get("lastMessage").get("seq").asLong()).isEqualTo(60);
    }

    @Test
    void presenceHasNoFallbackAndSays503() {
        ApiClient api = api();
        User alice = api.newUser("alice");

        timed(() -> api.get("/api/presence?userIds=" + alice.userId(), alice.token()))
                .expectError(503, "unavailable");
    }

    @Test
    void repeatedRedisFailuresOpenTheBreaker() {
        ApiClient api = api();
        User alice = api.newUser("alice");
        for (int i = 0; i < 12; i++) {
            api.get("/api/presence?userIds=u" + i, alice.token()).expectError(503, "unavailable");
        }

        assertThat(redisGuard.state()).isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN);
        timed(() -> api.get("/api/conversations", alice.token())).expect(200);
    }
}
