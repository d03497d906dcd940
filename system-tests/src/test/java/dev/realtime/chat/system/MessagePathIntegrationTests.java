package dev.realtime.chat.system;

import static dev.realtime.chat.testsupport.stomp.StompTestClient.bearer;
import static dev.realtime.chat.testsupport.stomp.StompTestClient.body;
import static dev.realtime.chat.testsupport.stomp.StompTestClient.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.system.ChatApi.User;
import dev.realtime.chat.testsupport.stomp.StompTestClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The message path across four gateway processes, the router and the persistence consumer, over real WebSockets:
 * a message sent on one gateway reaches every member on any gateway, in one order, once acknowledged.
 */
class MessagePathIntegrationTests {

    private final RunningSystem system = SharedSystem.get();
    private final List<String> gateways = system.gatewayUrls();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final List<StompTestClient> clients = new java.util.ArrayList<>();

    @AfterEach
    void closeClients() {
        clients.forEach(StompTestClient::close);
    }

    private StompTestClient connect(int gateway, User user) {
        StompTestClient client = StompTestClient.connect(gateways.get(gateway).replace("http", "ws") + "/ws",
                bearer(user.token()));
        clients.add(client);
        return client;
    }

    private User user(String name) {
        return ChatApi.account(gateways.get(0), name + "_" + run);
    }

    @Test
    void deliversToRecipientOnAnotherGatewayAcksTheSenderAndEchoesToItsOtherSessions() {
        User alice = user("alice");
        User bob = user("bob");
        String conversation = ChatApi.direct(gateways.get(1), alice, bob);
        StompTestClient aliceOnGw1 = connect(0, alice);
        StompTestClient aliceOnGw3 = connect(2, alice);
        StompTestClient bobOnGw4 = connect(3, bob);

        aliceOnGw1.send("/app/chat.send", body("conversationId", conversation, "clientMessageId", "m1", "content", "hi bob"));

        JsonNode ack = aliceOnGw1.awaitMessage("acks", field("clientMessageId", "m1"));
        assertThat(ack.path("seq").asLong()).isEqualTo(1);
        assertThat(ack.path("conversationId").asText()).isEqualTo(conversation);
        JsonNode atBob = bobOnGw4.awaitMessage("messages", field("clientMessageId", "m1"));
        assertThat(atBob.path("messageId").asText()).isEqualTo(ack.path("messageId").asText());
        assertThat(atBob.path("senderId").asText()).isEqualTo(alice.userId());
        assertThat(atBob.path("content").asText()).isEqualTo("hi bob");
        assertThat(aliceOnGw3.awaitMessage("messages", field("clientMessageId", "m1")).path("messageId").asText())
                .isEqualTo(ack.path("messageId").asText());
        assertThat(aliceOnGw3.received("acks")).as("the ack goes to the sending session only").isEmpty();
    }

    @Test
    void groupMembersOnFourGatewaysSeeEveryMessageInOneOrder() {
        User alice = user("alice");
        List<User> others = IntStream.range(0, 3).mapToObj(i -> user("member" + i)).toList();
        String group = ChatApi.group(gateways.get(0), alice, "team " + run, others);
        StompTestClient sender = connect(0, alice);
        List<StompTestClient> members = IntStream.range(0, 3).mapToObj(i -> connect(i + 1, others.get(i))).toList();
        int count = 200;
        for (int i = 0; i < count; i++) {
            sender.send("/app/chat.send", body("conversationId", group, "clientMessageId", "g" + i, "content", "msg " + i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> sender.received("acks").size() == count);
        List<Long> expected = java.util.stream.LongStream.rangeClosed(1, count).boxed().toList();
        for (StompTestClient member : members) {
            await().atMost(Duration.ofSeconds(30)).until(() -> distinctSeqs(member, group).size() == count);
            assertThat(distinctSeqs(member, group)).as("arrival order of seq").containsExactlyElementsOf(expected);
            List<String> contents = member.received("messages").stream()
                    .filter(m -> m.path("conversationId").asText().equals(group))
                    .map(m -> m.path("content").asText()).distinct().toList();
            assertThat(contents).containsExactlyElementsOf(IntStream.range(0, count).mapToObj(i -> "msg " + i).toList());
        }
    }

    @Test
    void aResendOfTheSameClientMessageIdIsTheSameMessageDeliveredOnce() {
        User alice = user("alice");
        User bob = user("bob");
        String conversation = ChatApi.direct(gateways.get(0), alice, bob);
        StompTestClient aliceClient = connect(1, alice);
        StompTestClient bobClient = connect(2, bob);
        aliceClient.send("/app/chat.send", body("conversationId", conversation, "clientMessageId", "same", "content", "once"));
        JsonNode first = aliceClient.awaitMessage("acks", field("clientMessageId", "same"));
        bobClient.awaitMessage("messages", field("clientMessageId", "same"));

        aliceClient.send("/app/chat.send", body("conversationId", conversation, "clientMessageId", "same", "content", "once"));
        aliceClient.send("/app/chat.send", body("conversationId", conversation, "clientMessageId", "next", "content", "after"));
        await().atMost(Duration.ofSeconds(10)).until(() -> aliceClient.received("acks").size() == 3);
        JsonNode again = aliceClient.received("acks").get(1);
        assertThat(again.path("messageId").asText()).isEqualTo(first.path("messageId").asText());
        assertThat(again.path("seq").asLong()).isEqualTo(first.path("seq").asLong());
        bobClient.awaitMessage("messages", field("clientMessageId", "next"));
        assertThat(bobClient.received("messages").stream().filter(m -> m.path("clientMessageId").asText().equals("same")))
                .as("delivered once").hasSize(1);
        assertThat(ChatApi.messagesAfter(gateways.get(3), bob, conversation, 0)).extracting(m -> m.path("seq").asLong())
                .containsExactly(1L, 2L);
    }

    @Test
    void aNonMemberCanNeitherSendToNorReadAConversation() {
        User alice = user("alice");
        User bob = user("bob");
        User mallory = user("mallory");
        String conversation = ChatApi.direct(gateways.get(0), alice, bob);
        StompTestClient malloryClient = connect(3, mallory);
        StompTestClient aliceClient = connect(0, alice);
        StompTestClient bobClient = connect(1, bob);

        malloryClient.send("/app/chat.send", body("conversationId", conversation, "clientMessageId", "x", "content", "let me in"));
        JsonNode error = malloryClient.awaitMessage("errors", field("clientMessageId", "x"));
        assertThat(error.path("code").asText()).isEqualTo("forbidden");
        aliceClient.send("/app/chat.send", body("conversationId", conversation, "clientMessageId", "a", "content", "private"));
        aliceClient.awaitMessage("acks", field("clientMessageId", "a"));
        bobClient.awaitMessage("messages", field("clientMessageId", "a"));
        assertThat(malloryClient.received("messages")).isEmpty();
        assertThat(ChatApi.call(gateways.get(2), "GET", "/api/conversations/" + conversation + "/messages?afterSeq=0",
                null, mallory.token()).status()).isEqualTo(403);
        assertThat(ChatApi.messagesAfter(gateways.get(2), bob, conversation, 0)).extracting(m -> m.path("content").asText())
                .containsExactly("private");
    }

    static List<Long> distinctSeqs(StompTestClient client, String conversation) {
        return client.received("messages").stream().filter(m -> m.path("conversationId").asText().equals(conversation))
                .map(m -> m.path("seq").asLong()).distinct().toList();
    }
}
