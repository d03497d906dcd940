package dev.realtime.chat.gateway.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import dev.realtime.chat.gateway.conversation.MembershipUnavailableException;
import dev.realtime.chat.gateway.publish.MessagePublisher;
import dev.realtime.chat.gateway.publish.PendingMessage;
import dev.realtime.chat.gateway.session.LocalSessions;
import dev.realtime.chat.gateway.session.SessionMessenger;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.id.SnowflakeIdGenerator;
import dev.realtime.chat.model.topology.RedisKeys;
import dev.realtime.chat.model.wire.ChatMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The send path alone, with fakes for membership, Redis and the broker. */
class ChatSendServiceTests {

    static final AuthenticatedUser ALICE = new AuthenticatedUser("alice", "alice", Instant.MAX);
    static final AuthenticatedUser BOB = new AuthenticatedUser("bob", "bob", Instant.MAX);

    private final Map<String, CompletableFuture<Set<String>>> membership = new HashMap<>();
    private final FakeLedger ledger = new FakeLedger();
    private final List<PendingMessage> published = new CopyOnWriteArrayList<>();
    private record ToClient(String sessionId, String destination, String json) {
    }

    private final List<ToClient> toClients = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private AckDispatcher outcomes;
    private ChatSendService service;

    @BeforeEach
    void setUp() {
        LocalSessions sessions = new LocalSessions(meters);
        sessions.add(ALICE, "a1");
        sessions.add(ALICE, "a2");
        sessions.add(BOB, "b1");
        SessionMessenger messenger = new SessionMessenger((session, destination, json) -> {
            toClients.add(new ToClient(session, destination, json));
            return true;
        }, sessions);
        InFlightMessages inFlight = new InFlightMessages();
        SendMetrics metrics = new SendMetrics(meters);
        outcomes = new AckDispatcher(messenger, inFlight, ledger, metrics);
        MessagePublisher publisher = published::add; // List.add: always taken
        service = new ChatSendService(id -> membership.getOrDefault(id, CompletableFuture.completedFuture(Set.of())),
                ledger, publisher, inFlight, outcomes, messenger, new SessionSendOrder(), new SnowflakeIdGenerator(1),
                new RedisKeys("t:"), metrics, () -> Instant.parse("2025-01-01T00:00:00Z"));
        membership.put("c1", CompletableFuture.completedFuture(Set.of("alice", "bob")));
    }

    private void send(AuthenticatedUser user, String session, String conversation, String cmid, String content) {
        service.send(user, session, JsonCodec.toBytes(Map.of("conversationId", conversation, "clientMessageId", cmid,
                "content", content)));
    }

    private List<JsonNode> received(String session, String queue) {
        List<JsonNode> bodies = new ArrayList<>();
        for (ToClient message : toClients) {
            if (session.equals(message.sessionId()) && ("/user/queue/" + queue).equals(message.destination())) {
                try {
                    bodies.add(JsonCodec.mapper().readTree(message.json()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return bodies;
    }

    @Test
    void theAckGoesToTheSendingSessionOnlyAndOnlyAfterTheBrokerConfirmed() {
        send(ALICE, "a1", "c1", "m1", "hello");
        assertThat(published).hasSize(1);
        PendingMessage pending = published.get(0);
        assertThat(pending.message().seq()).isEqualTo(1);
        assertThat(pending.message().senderId()).isEqualTo("alice");
        assertThat(pending.memberIds()).containsExactlyInAnyOrder("alice", "bob");
        assertThat(received("a1", "acks")).isEmpty();

        outcomes.confirmed(List.of(pending));

        assertThat(received("a1", "acks")).singleElement().satisfies(ack -> {
            assertThat(ack.get("clientMessageId").asText()).isEqualTo("m1");
            assertThat(ack.get("messageId").asText()).isEqualTo(pending.message().messageId());
            assertThat(ack.get("seq").asLong()).isEqualTo(1);
            assertThat(ack.get("conversationId").asText()).isEqualTo("c1");
            assertThat(ack.get("sentAt").asText()).isEqualTo("2025-01-01T00:00:00Z");
        });
        assertThat(received("a2", "acks")).isEmpty();
        assertThat(ledger.confirmedKeys).containsExactly("t:idem:alice:m1");
        assertThat(meters.counter("chat.messages.acked").count()).isEqualTo(1);
    }

    @Test
    void theSenderIsTheAuthenticatedUserNeverAPayloadField() {
        service.send(ALICE, "a1", ("{\"conversationId\":\"c1\",\"clientMessageId\":\"m\",\"content\":\"x\","
                + "\"senderId\":\"bob\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(published).singleElement().satisfies(p -> assertThat(p.message().senderId()).isEqualTo("alice"));
    }

    @Test
    void sendsOfOneSessionGetSeqsInSendOrderEvenWhenMembershipAnswersOutOfOrder() {
        CompletableFuture<Set<String>> slow = new CompletableFuture<>();
        membership.put("slow", slow);
        ledger.seqs.put("slow", 0L);
        send(ALICE, "a1", "slow", "first", "1");
        membership.put("slow", CompletableFuture.completedFuture(Set.of("alice")));
        send(ALICE, "a1", "slow", "second", "2");
        assertThat(published).isEmpty(); // the second waits for the first
        slow.complete(Set.of("alice"));
        assertThat(published).extracting(p -> p.message().clientMessageId()).containsExactly("first", "second");
        assertThat(published).extracting(p -> p.message().seq()).containsExactly(1L, 2L);
    }

    @Test
    void aResendWhileTheFirstIsInFlightWaitsForItsConfirmAndIsPublishedOnce() {
        send(ALICE, "a1", "c1", "m1", "hello");
        send(ALICE, "a2", "c1", "m1", "hello");
        assertThat(published).hasSize(1);
        outcomes.confirmed(List.of(published.get(0)));
        JsonNode first = received("a1", "acks").get(0);
        JsonNode second = received("a2", "acks").get(0);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aResendAfterTheAckAnswersTheFirstAckWithoutPublishing() {
        send(ALICE, "a1", "c1", "m1", "hello");
        outcomes.confirmed(List.of(published.get(0)));
        send(ALICE, "a1", "c1", "m1", "hello");
        assertThat(published).hasSize(1);
        assertThat(received("a1", "acks")).hasSize(2).allSatisfy(ack -> {
            assertThat(ack.get("messageId").asText()).isEqualTo(published.get(0).message().messageId());
            assertThat(ack.get("seq").asLong()).isEqualTo(1);
        });
    }

    @Test
    void aResendAfterAFailedPublishRepublishesTheSameMessage() {
        send(ALICE, "a1", "c1", "m1", "hello");
        ChatMessage first = published.get(0).message();
        outcomes.failed(List.of(published.get(0)), new IllegalStateException("nack"));
        assertThat(received("a1", "errors")).singleElement().satisfies(error -> {
            assertThat(error.get("code").asText()).isEqualTo("unavailable");
            assertThat(error.get("clientMessageId").asText()).isEqualTo("m1");
        });

        send(ALICE, "a1", "c1", "m1", "hello");
        assertThat(published).hasSize(2);
        assertThat(published.get(1).message()).isEqualTo(first);
        assertThat(ledger.seqs.get("c1")).isEqualTo(1L); // no second seq
    }

    @Test
    void unknownConversationIsNotFoundAndANonMemberIsForbiddenAndNothingIsPublished() {
        send(ALICE, "a1", "nope", "m1", "x");
        membership.put("private", CompletableFuture.completedFuture(Set.of("bob", "carol")));
        send(ALICE, "a1", "private", "m2", "x");
        assertThat(published).isEmpty();
        assertThat(received("a1", "errors")).extracting(e -> e.get("code").asText() + "/" + e.get("clientMessageId").asText())
                .containsExactly("not_found/m1", "forbidden/m2");
        assertThat(ledger.seqs).doesNotContainKey("private");
        assertThat(meters.counter("chat.messages.rejected", "reason", "forbidden").count()).isEqualTo(1);
    }

    @Test
    void membershipOrRedisFailuresAreUnavailableAndTheSessionStaysUsable() {
        membership.put("down", CompletableFuture.failedFuture(new MembershipUnavailableException("down", null)));
        send(ALICE, "a1", "down", "m1", "x");
        ledger.failNext = true;
        send(ALICE, "a1", "c1", "m2", "x");
        send(ALICE, "a1", "c1", "m3", "x");
        assertThat(received("a1", "errors")).extracting(e -> e.get("code").asText() + "/" + e.get("clientMessageId").asText())
                .containsExactly("unavailable/m1", "unavailable/m2");
        assertThat(published).extracting(p -> p.message().clientMessageId()).containsExactly("m3");
    }

    @Test
    void invalidBodiesAreInvalidRequestWithTheClientMessageIdWhenKnown() {
        service.send(ALICE, "a1", "{oops".getBytes(StandardCharsets.UTF_8));
        send(ALICE, "a1", "c1", "m1", "");
        assertThat(received("a1", "errors")).extracting(e -> e.get("code").asText() + "/" + e.get("clientMessageId"))
                .containsExactly("invalid_request/null", "invalid_request/\"m1\"");
        assertThat(published).isEmpty();
        assertThat(meters.counter("chat.messages.received").count()).isEqualTo(2);
    }

    @Test
    void afterShutdownBeganNewSendsAreUnavailable() {
        service.stopAccepting();
        send(ALICE, "a1", "c1", "m1", "x");
        assertThat(published).isEmpty();
        assertThat(received("a1", "errors")).singleElement()
                .satisfies(e -> assertThat(e.get("code").asText()).isEqualTo("unavailable"));
    }

    /** The Lua script's semantics in memory. */
    static final class FakeLedger implements SendLedger {

        final Map<String, Long> seqs = new HashMap<>();
        final Map<String, String> records = new HashMap<>();
        final List<String> confirmedKeys = new ArrayList<>();
        boolean failNext;

        @Override
        public synchronized CompletableFuture<Allocation> allocate(String conversationId, String key, String prefix,
                String suffix, java.util.function.BiConsumer<Allocation, Throwable> onAnswer) {
            return answer(conversationId, key, prefix, suffix).whenComplete(onAnswer);
        }

        private CompletableFuture<Allocation> answer(String conversationId, String key, String prefix, String suffix) {
            if (failNext) {
                failNext = false;
                return CompletableFuture.failedFuture(new IllegalStateException("redis down"));
            }
            String existing = records.get(key);
            if (existing != null) {
                return CompletableFuture.completedFuture(new Duplicate(IdempotencyRecord.parse(existing)));
            }
            long seq = seqs.merge(conversationId, 1L, Long::sum);
            records.put(key, prefix + seq + suffix);
            return CompletableFuture.completedFuture(new Assigned(seq));
        }

        @Override
        public boolean counterKnown(String conversationId) {
            return false;
        }

        @Override
        public synchronized CompletableFuture<Void> markConfirmed(List<String> keys) {
            for (String key : keys) {
                confirmedKeys.add(key);
                records.computeIfPresent(key, (k, v) -> "C" + v.substring(1));
            }
            return CompletableFuture.completedFuture(null);
        }
    }
}
