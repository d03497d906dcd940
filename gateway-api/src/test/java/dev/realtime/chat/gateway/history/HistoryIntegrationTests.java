package dev.realtime.chat.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.gateway.ApiClient;
import dev.realtime.chat.gateway.ApiClient.User;
import dev.realtime.chat.gateway.ApiIntegrationTestSupport;
import dev.realtime.chat.gateway.Seeds;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.wire.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * History with Redis holding only the newest part: Cassandra has 1..120 persisted, Redis's recent history holds
 * 71..130 (121..130 not yet persisted), the Redis counter says 130.
 */
class HistoryIntegrationTests extends ApiIntegrationTestSupport {

    private ApiClient api;
    private User alice;
    private String conversation;

    @BeforeEach
    void seedConversation() {
        api = api();
        alice = api.newUser("alice");
        User bob = api.newUser("bob");
        conversation = api.createGroup(alice, "History", List.of(bob.userId()));
        seeds().cassandra(Seeds.messages(conversation, 1, 120, bob.userId()));
        seeds().activity(conversation, 120, Seeds.message(conversation, 120, bob.userId()).sentAt());
        seeds().redisHistory(Seeds.messages(conversation, 71, 130, bob.userId()));
        seeds().redisSeq(conversation, 130);
    }

    private JsonNode page(String query) {
        return api.get("/api/conversations/" + conversation + "/messages" + query, alice.token()).expect(200).body();
    }

    private static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.get("messages").forEach(message -> seqs.add(message.get("seq").asLong()));
        return seqs;
    }

    private static List<Long> range(long from, long to) {
        return from <= to ? LongStream.rangeClosed(from, to).boxed().toList()
                : LongStream.rangeClosed(to, from).map(seq -> from + to - seq).boxed().toList();
    }

    @Test
    void theNewestPageComesNewestFirst() {
        JsonNode page = page("?limit=50");

        assertThat(seqs(page)).containsExactlyElementsOf(range(130, 81));
        assertThat(page.get("hasMore").asBoolean()).isTrue();
        JsonNode newest = page.get("messages").get(0);
        ChatMessage expected = Seeds.message(conversation, 130, newest.get("senderId").asText());
        assertThat(JsonCodec.fromJson(newest.toString(), ChatMessage.class)).isEqualTo(expected);
    }

    @Test
    void beforePagesSpanningRedisAndCassandraAreCompleteWithoutDuplicates() {
        JsonNode spanning = page("?beforeSeq=81&limit=50");
        assertThat(seqs(spanning)).containsExactlyElementsOf(range(80, 31));
        assertThat(spanning.get("hasMore").asBoolean()).isTrue();

        JsonNode oldest = page("?beforeSeq=31&limit=50");
        assertThat(seqs(oldest)).containsExactlyElementsOf(range(30, 1));
        assertThat(oldest.get("hasMore").asBoolean()).isFalse();
        assertThat(oldest.get("messages").get(29).get("content").asText()).isEqualTo("message 1");
    }

    @Test
    void pagingBackFromTheNewestReadsEveryMessageOnce() {
        List<Long> all = new ArrayList<>();
        JsonNode page = page("?limit=17");
        all.addAll(seqs(page));
        while (page.get("hasMore").asBoolean()) {
            page = page("?beforeSeq=" + all.get(all.size() - 1) + "&limit=17");
            all.addAll(seqs(page));
        }

        assertThat(all).containsExactlyElementsOf(range(130, 1));
    }

    @Test
    void afterPagesComeOldestFirstAndReachWhatIsOnlyInRedis() {
        JsonNode everything = page("?afterSeq=0&limit=500");
        assertThat(seqs(everything)).containsExactlyElementsOf(range(1, 130));
        assertThat(everything.get("hasMore").asBoolean()).isFalse();

        JsonNode some = page("?afterSeq=60&limit=20");
        assertThat(seqs(some)).containsExactlyElementsOf(range(61, 80));
        assertThat(some.get("hasMore").asBoolean()).isTrue();

        JsonNode upToDate = page("?afterSeq=130");
        assertThat(seqs(upToDate)).isEmpty();
        assertThat(upToDate.get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void aMessageMissingFromRedisIsReadFromCassandra() {
        seeds().redis().zremrangebyscore(seeds().keys().conversationHistory(conversation),
                io.lettuce.core.Range.create(100, 100));

        assertThat(seqs(page("?beforeSeq=105&limit=10"))).containsExactlyElementsOf(range(104, 95));
        assertThat(seqs(page("?afterSeq=95&limit=10"))).containsExactlyElementsOf(range(96, 105));
    }

    @Test
    void historyWalksCassandraBucketsOfTenThousandSeqs() {
        User bob = api.newUser("bob");
        String big = api.createGroup(alice, "Big", List.of(bob.userId()));
        seeds().cassandra(Seeds.messages(big, 9_990, 10_010, bob.userId()));
        seeds().activity(big, 10_010, Seeds.message(big, 10_010, bob.userId()).sentAt());

        JsonNode after = api.get("/api/conversations/" + big + "/messages?afterSeq=9985&limit=500", alice.token())
                .expect(200).body();
        JsonNode before = api.get("/api/conversations/" + big + "/messages?beforeSeq=10005&limit=10", alice.token())
                .expect(200).body();
        JsonNode newest = api.get("/api/conversations/" + big + "/messages?limit=25", alice.token()).expect(200).body();

        assertThat(seqs(after)).containsExactlyElementsOf(range(9_990, 10_010));
        assertThat(seqs(before)).containsExactlyElementsOf(range(10_004, 9_995));
        assertThat(seqs(newest)).hasSize(21).startsWith(10_010L).endsWith(9_990L);
        assertThat(newest.get("hasMore").asBoolean()).isFalse();
    }

    @Test
    void badParametersAre400AndLimitsAreClamped() {
        api.get("/api/conversations/" + conversation + "/messages?beforeSeq=abc", alice.token())
                .expectError(400, "invalid_request");
        api.get("/api/conversations/" + conversation + "/messages?beforeSeq=-5", alice.token())
                .expectError(400, "invalid_request");
        api.get("/api/conversations/" + conversation + "/messages?beforeSeq=5&afterSeq=1", alice.token())
                .expectError(400, "invalid_request");
        api.get("/api/conversations/" + conversation + "/messages?afterSeq=0&limit=x", alice.token())
                .expectError(400, "invalid_request");

        assertThat(seqs(page("?afterSeq=0&limit=100000"))).hasSize(130);
        assertThat(seqs(page("?afterSeq=0&limit=0"))).containsExactly(1L);
    }
}
