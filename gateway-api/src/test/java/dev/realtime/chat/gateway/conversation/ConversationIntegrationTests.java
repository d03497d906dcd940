package dev.realtime.chat.gateway.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.gateway.ApiClient;
import dev.realtime.chat.gateway.ApiClient.User;
import dev.realtime.chat.gateway.ApiIntegrationTestSupport;
import dev.realtime.chat.gateway.Seeds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class ConversationIntegrationTests extends ApiIntegrationTestSupport {

    @Autowired
    private ConversationMembers members;

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private java.util.Set<String> membersNow(String conversationId) {
        return members.members(conversationId).toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Test
    void aDirectConversationForTheSamePairIsTheSameConversation() {
        ApiClient api = api();
        User alice = api.newUser("alice");
        User bob = api.newUser("bob");

        ApiClient.Response first = api.post("/api/conversations", alice.token(),
                Map.of("type", "direct", "memberIds", List.of(bob.userId()))).expect(201);
        ApiClient.Response second = api.post("/api/conversations", bob.token(),
                Map.of("type", "direct", "memberIds", List.of(alice.userId()))).expect(201);

        assertThat(second.text("id")).isEqualTo(first.text("id"));
        assertThat(first.text("type")).isEqualTo("direct");
        assertThat(first.body().get("name").isNull()).isTrue();
        assertThat(texts(first.body().get("memberIds"))).containsExactlyInAnyOrder(alice.userId(), bob.userId());
        assertThat(first.body().get("lastSeq").asLong()).isZero();
        assertThat(first.body().get("lastMessage").isNull()).isTrue();
        assertThat(first.body().get("unread").asLong()).isZero();
    }

    @Test
    void concurrentDirectCreationsOfOnePairAllGetOneConversation() throws Exception {
        ApiClient api = api();
        User alice = api.newUser("alice");
        User bob = api.newUser("bob");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<String>> creations = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> i % 2 == 0 ? api.createDirect(alice, bob)
                            : api.createDirect(bob, alice), pool))
                    .toList();
            List<String> ids = creations.stream().map(CompletableFuture::join).toList();

            assertThat(ids).hasSize(8).containsOnly(ids.get(0));
        } finally {
            pool.shutdown();
        }
        JsonNode aliceList = api.get("/api/conversations", alice.token()).expect(200).body();
        JsonNode bobList = api.get("/api/conversations", bob.token()).expect(200).body();
        assertThat(aliceList).hasSize(1);
        assertThat(bobList).hasSize(1);
        assertThat(aliceList.get(0).get("id").asText()).isEqualTo(bobList.get(0).get("id").asText());
        assertThat(membersNow(aliceList.get(0).get("id").asText()))
                .containsExactlyInAnyOrder(alice.userId(), bob.userId());
    }

    @Test
    void directConversationsNeedExactlyOneExistingOtherUser() {
        ApiClient api = api();
        User alice = api.newUser("alice");
        User bob = api.newUser("bob");
        User carol = api.newUser("carol");

        api.post("/api/conversations", alice.token(), Map.of("type", "direct", "memberIds", List.of(alice.userId())))
                .expectError(400, "invalid_request");
        api.post("/api/conversations", alice.token(),
                Map.of("type", "direct", "memberIds", List.of(bob.userId(), carol.userId())))
                .expectError(400, "invalid_request");
        api.post("/api/conversations", alice.token(), Map.of("type", "direct", "memberIds", List.of("424242")))
                .expectError(400, "invalid_request");
        api.post("/api/conversations", alice.token(), Map.of("memberIds", List.of(bob.userId())))
                .expectError(400, "invalid_request");
    }

    @Test
    void aGroupIncludesItsCreatorAndNeedsANameAndExistingMembers() {
        ApiClient api = api();
        User alice = api.newUser("alice");
        User bob = api.newUser("bob");

        ApiClient.Response group = api.post("/api/conversations", alice.token(),
                Map.of("type", "group", "name", "Team", "memberIds", List.of(bob.userId()))).expect(201);

        assertThat(group.text("type")).isEqualTo("group");
        assertThat(group.text("name")).isEqualTo("Team");
        assertThat(texts(group.body().get("memberIds"))).containsExactlyInAnyOrder(alice.userId(), bob.userId());
        assertThat(membersNow(group.text("id"))).containsExactlyInAnyOrder(alice.userId(), bob.userId());
        api.post("/api/conversations", alice.token(), Map.of("type", "group", "memberIds", List.of(bob.userId())))
                .expectError(400, "invalid_request");
        api.post("/api/conversations", alice.token(),
                Map.of("type", "group", "name", "X", "memberIds", List.of(bob.userId(), "no-such-user")))
                .expectError(400, "invalid_request");
        ApiClient.Response alone = api.post("/api/conversations", alice.token(),
                Map.of("type", "group", "name", "Just me")).expect(201);
        assertThat(texts(alone.body().get("memberIds"))).containsExactly(alice.userId());
    }

    @Test
    void onlyMembersSeeAConversationAndUnknownOnesAre404() {
        ApiClient api = api();
        User alice = api.newUser("alice");
        User bob = api.newUser("bob");
        User eve = api.newUser("eve");
        String group = api.createGroup(alice, "Private", List.of(bob.userId()));

        assertThat(api.get("/api/conversations/" + group, bob.token()).expect(200).text("id")).isEqualTo(group);
        api.get("/api/conversations/" + group, eve.token()).expectError(403, "forbidden");
        api.get("/api/conversations/999999999", alice.token()).expectError(404, "not_found");
        api.get("/api/conversations/" + group + "/messages", eve.token()).expectError(403, "forbidden");
        api.get("/api/conversations/999999999/messages", eve.token()).expectError(404, "not_found");
        assertThat(api.get("/api/conversations", eve.token()).expect(200).body()).isEmpty();
    }

    @Test
    void membersAddMembersToGroupsOnly() {
        ApiClient api = api();
        User alice = api.newUser("alice");
        User bob = api.newUser("bob");
        User carol = api.newUser("carol");
        User eve = api.newUser("eve");
        String group = api.createGroup(alice, "Team", List.of(bob.userId()));
        assertThat(membersNow(group)).doesNotContain(carol.userId()); // cached now: adding must invalidate

        ApiClient.Response added = api.post("/api/conversations/" + group + "/members", bob.token(),
                Map.of("userIds", List.of(carol.userId()))).expect(200);

        assertThat(texts(added.body().get("memberIds")))
                .containsExactlyInAnyOrder(alice.userId(), bob.userId(), carol.userId());
        assertThat(membersNow(group)).contains(carol.userId());
        api.get("/api/conversations/" + group, carol.token()).expect(200);
        api.post("/api/conversations/" + group + "/members", eve.token(), Map.of("userIds", List.of(eve.userId())))
                .expectError(403, "forbidden");
        api.post("/api/conversations/" + group + "/members", alice.token(), Map.of("userIds", List.of("nobody-here")))
                .expectError(400, "invalid_request");
        api.post("/api/conversations/" + group + "/members", alice.token(), Map.of("userIds", List.of()))
                .expectError(400, "invalid_request");
        String direct = api.createDirect(alice, bob);
        api.post("/api/conversations/" + direct + "/members", alice.token(), Map.of("userIds", List.of(carol.userId())))
                .expectError(400, "invalid_request");
        api.post("/api/conversations/424242/members", alice.token(), Map.of("userIds", List.of(carol.userId())))
                .expectError(404, "not_found");
    }

    @Test
    void membersLeaveAndOnlyTheCreatorRemovesOthers() {
        ApiClient api = api();
        User alice = api.newUser("alice");
        User bob = api.newUser("bob");
        User carol = api.newUser("carol");
        String group = api.createGroup(alice, "Team", List.of(bob.userId(), carol.userId()));
        assertThat(membersNow(group)).contains(bob.userId(), carol.userId());

        api.delete("/api/conversations/" + group + "/members/" + carol.userId(), bob.token())
                .expectError(403, "forbidden");
        api.delete("/api/conversations/" + group + "/members/" + carol.userId(), alice.token()).expect(204);
        api.delete("/api/conversations/" + group + "/members/" + bob.userId(), bob.token()).expect(204);

        assertThat(membersNow(group)).containsExactly(alice.userId());
        api.get("/api/conversations/" + group, carol.token()).expectError(403, "forbidden");
        api.get("/api/conversations/" + group, bob.token()).expectError(403, "forbidden");
        assertThat(api.get("/api/conversations", bob.token()).expect(200).body()).isEmpty();
        api.delete("/api/conversations/" + group + "/members/" + bob.userId(), alice.token())
                .expectError(404, "not_found");
        String direct = api.createDirect(alice, bob);
        api.delete("/api/conversations/" + direct + "/members/" + bob.userId(), bob.token())
                .expectError(403, "forbidden");
    }

    @Test
    void listsMyConversationsNewestActivityFirstWithLastSeqLastMessageAndUnread() {
        ApiClient api = api();
        Seeds seeds = seeds();
        User alice = api.newUser("alice");
        User bob = api.newUser("bob");
        String quiet = api.createGroup(alice, "Quiet", List.of(bob.userId()));
        String busy = api.createGroup(alice, "Busy", List.of(bob.userId()));
        String cold = api.createGroup(alice, "Cold", List.of(bob.userId()));
        String empty = api.createGroup(alice, "Empty", List.of());
        // busy: newest message (seq 7) in Redis; quiet: older message (seq 3); alice read busy up to 5.
        seeds.redisSeq(busy, 7);
        seeds.redisHistory(Seeds.messages(busy, 1, 7, bob.userId()));
        seeds.redisReadMark(busy, alice.userId(), 5);
        seeds.redisSeq(quiet, 3);
        seeds.redisHistory(List.of(Seeds.message(quiet, 3, bob.userId())));
        // cold: only Cassandra knows it (Redis lost it): activity, the message, alice's read mark.
        seeds.activity(cold, 4, Seeds.message(cold, 4, bob.userId()).sentAt());
        seeds.cassandra(Seeds.messages(cold, 1, 4, bob.userId()));
        seeds.cassandraReadMark(cold, alice.userId(), 4);

        JsonNode list = api.get("/api/conversations", alice.token()).expect(200).body();

        List<String> order = new ArrayList<>();
        list.forEach(conversation -> order.add(conversation.get("id").asText()));
        // Seeded messages were sent on 2026-01-01 (sentAt grows with seq): busy (7) > cold (4) > quiet (3). The
        // empty group's activity is its creation, just now: newest of all.
        assertThat(order).containsExactly(empty, busy, cold, quiet);
        JsonNode busyView = list.get(1);
        assertThat(busyView.get("lastSeq").asLong()).isEqualTo(7);
        assertThat(busyView.get("unread").asLong()).isEqualTo(2);
        assertThat(busyView.get("lastMessage").get("seq").asLong()).isEqualTo(7);
        assertThat(busyView.get("lastMessage").get("messageId").asText()).isEqualTo(busy + "-m7");
        JsonNode coldView = list.get(2);
        assertThat(coldView.get("lastSeq").asLong()).isEqualTo(4);
        assertThat(coldView.get("unread").asLong()).isZero();
        assertThat(coldView.get("lastMessage").get("content").asText()).isEqualTo("message 4");
        JsonNode quietView = list.get(3);
        assertThat(quietView.get("unread").asLong()).isEqualTo(3);
        assertThat(Instant.parse(quietView.get("lastMessage").get("sentAt").asText()))
                .isEqualTo(Seeds.message(quiet, 3, bob.userId()).sentAt());
        JsonNode bobsBusy = api.get("/api/conversations/" + busy, bob.token()).expect(200).body();
        assertThat(bobsBusy.get("unread").asLong()).isEqualTo(7);
    }
}
