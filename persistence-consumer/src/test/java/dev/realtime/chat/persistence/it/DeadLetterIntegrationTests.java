package dev.realtime.chat.persistence.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.testsupport.ChatTestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Poison, rejected writes, retries and the dead-letter endpoints, against the real broker and Cassandra. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.instance-id=dlq-test",
        "chat.persistence.max-retries=2",
        "chat.persistence.retry-delays=100ms,200ms"})
@Import({FastSchemaConfiguration.class, DoomingWritePlanner.Config.class})
@DirtiesContext
class DeadLetterIntegrationTests {

    private static final ChatTestInfrastructure infra = ChatTestInfrastructure.get();

    private final PersistFixture fixture = new PersistFixture();

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        infra.registerProperties(registry);
    }

    @BeforeEach
    void emptyDeadLetterQueue() {
        fixture.purge(Topology.PERSIST_DEAD_LETTER_QUEUE);
    }

    @AfterEach
    void close() {
        DoomingWritePlanner.DOOMED.clear();
        fixture.close();
    }

    private List<JsonNode> deadLetters() {
        JsonNode list = http.getForObject("/admin/dead-letters?limit=100", JsonNode.class);
        return StreamSupport.stream(list.spliterator(), false).toList();
    }

    private static List<String> ids(JsonNode deadLetter) {
        return StreamSupport.stream(deadLetter.path("firstMessageIds").spliterator(), false)
                .map(JsonNode::asText).toList();
    }

    private double counter(String name, String... tags) {
        var counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void deadLettersAWriteCassandraAlwaysRejectsAfterTheConfiguredRetriesAndWritesTheRestOfItsBatch() {
        String fine = PersistFixture.uniqueConversation("fine");
        String doomed = PersistFixture.uniqueConversation("doomed");
        DoomingWritePlanner.DOOMED.add(doomed);
        double retriedBefore = counter("chat.persist.retried");
        ChatMessage rejected = fixture.next(doomed);

        fixture.publish(List.of(fixture.next(fine), rejected, fixture.next(fine)));

        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters().size() == 1);
        JsonNode deadLetter = deadLetters().get(0);
        assertThat(ids(deadLetter)).containsExactly(rejected.messageId());
        assertThat(deadLetter.path("messageCount").asInt()).isEqualTo(1);
        assertThat(deadLetter.path("retryCount").asInt()).isEqualTo(2);
        assertThat(deadLetter.path("reason").asText())
                .startsWith("retries-exhausted: write failed after 2 retries: InvalidQueryException")
                .contains("no_such_table");
        Map<String, Object> headers = fixture.deadLetterHeaders().get(0);
        assertThat(headers.get(Topology.HEADER_FAILURE_REASON)).hasToString(deadLetter.path("reason").asText());
        assertThat(headers.get(Topology.HEADER_RETRY_COUNT)).isEqualTo(2);
        assertThat(fixture.storedSeqs(fine)).containsExactly(2L, 1L);
        assertThat(fixture.storedSeqs(doomed)).isEmpty();
        assertThat(counter("chat.persist.retried") - retriedBefore).isEqualTo(2);
        assertThat(counter("chat.persist.deadlettered", "reason", "retries-exhausted")).isGreaterThanOrEqualTo(1);
        assertThat(fixture.depth(Topology.PERSIST_QUEUE)).isZero();
    }

    @Test
    void deadLettersPoisonAtOnceWithItsReasonAndKeepsWritingTheNextBatches() {
        String conversation = PersistFixture.uniqueConversation("poison");
        double retriedBefore = counter("chat.persist.retried");

        fixture.publishRaw("{\"gatewayId\": \"gw\", \"messages\": [ this is not json"
                .getBytes(StandardCharsets.UTF_8), Topology.messageRoutingKey(0));
        ChatMessage first = fixture.next(conversation);
        ChatMessage zeroSeq = PersistFixture.message(conversation, 0, "seq zero");
        ChatMessage tooLong = PersistFixture.message(conversation, 99, "x".repeat(4001));
        ChatMessage second = fixture.next(conversation);
        fixture.publish(List.of(first, zeroSeq, tooLong, second));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(fixture.storedSeqs(conversation)).containsExactly(2L, 1L);
            assertThat(deadLetters()).hasSize(3);
        });
        List<JsonNode> deadLetters = deadLetters();
        assertThat(deadLetters.get(0).path("reason").asText()).startsWith("malformed: ");
        assertThat(deadLetters.get(0).path("messageCount").asInt()).isZero();
        List<String> reasons = new ArrayList<>();
        deadLetters.forEach(d -> reasons.add(d.path("reason").asText()));
        assertThat(reasons).contains("invalid: seq must be >= 1, was 0 (messageId " + zeroSeq.messageId() + ")",
                "invalid: content too long: 4001 > 4000 (messageId " + tooLong.messageId() + ")");
        assertThat(deadLetters).allSatisfy(d -> assertThat(d.path("retryCount").asInt()).isZero());
        assertThat(counter("chat.persist.retried")).as("poison costs no retry").isEqualTo(retriedBefore);
    }

    @Test
    void replayMovesDeadLettersBackToThePersistQueueWhereTheyGetWritten() {
        String conversation = PersistFixture.uniqueConversation("replay");
        DoomingWritePlanner.DOOMED.add(conversation);
        fixture.publish(List.of(fixture.next(conversation), fixture.next(conversation), fixture.next(conversation)));
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters().size() == 1);
        assertThat(deadLetters().get(0).path("messageCount").asInt()).isEqualTo(3);
        assertThat(fixture.storedSeqs(conversation)).isEmpty();

        DoomingWritePlanner.DOOMED.remove(conversation); // the cause is fixed
        ResponseEntity<JsonNode> replay = http.postForEntity("/admin/dead-letters/replay?limit=10", null,
                JsonNode.class);

        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(replay.getBody().path("replayed").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(fixture.storedSeqs(conversation)).containsExactly(3L, 2L, 1L);
            assertThat(fixture.lastSeq(conversation)).isEqualTo(3L);
        });
        assertThat(deadLetters()).isEmpty();
        assertThat(fixture.depth(Topology.PERSIST_QUEUE)).isZero();
    }

    @Test
    void rejectsALimitOutOfRangeWithAStableErrorCode() {
        ResponseEntity<JsonNode> response = http.getForEntity("/admin/dead-letters?limit=0", JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().path("error").asText()).isEqualTo("invalid_request");
    }
}
