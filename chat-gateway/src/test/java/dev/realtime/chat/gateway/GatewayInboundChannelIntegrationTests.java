package dev.realtime.chat.gateway;

import static dev.realtime.chat.gateway.support.GatewayTestSupport.conversation;
import static dev.realtime.chat.gateway.support.GatewayTestSupport.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import dev.realtime.chat.gateway.session.LocalSessions;
import dev.realtime.chat.gateway.support.GatewayTestSupport.TestUser;
import dev.realtime.chat.model.codec.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The Spring context driven through its inbound channel, without a WebSocket: STOMP frames as messages into
 * {@code clientInboundChannel}, what would go to the client read off {@code clientOutboundChannel}. Checks the
 * wiring: the CONNECT interceptor, the destination guard, the controllers and the broker's user destinations.
 */
class GatewayInboundChannelIntegrationTests extends GatewayIntegrationTestBase {

    @Autowired
    @Qualifier("clientInboundChannel")
    AbstractSubscribableChannel inbound;
    @Autowired
    @Qualifier("clientOutboundChannel")
    AbstractSubscribableChannel outbound;
    @Autowired
    LocalSessions sessions;

    private final List<Message<?>> toClients = new CopyOnWriteArrayList<>();
    private final ChannelInterceptor capture = new ChannelInterceptor() {
        @Override
        public Message<?> preSend(Message<?> message, MessageChannel channel) {
            toClients.add(message);
            return message;
        }
    };
    private final String sessionId = "inbound-" + UUID.randomUUID();

    @BeforeEach
    void captureOutbound() {
        outbound.addInterceptor(capture);
    }

    @AfterEach
    void stopCapturing() {
        outbound.removeInterceptor(capture);
        sessions.remove(sessionId);
    }

    private Message<byte[]> frame(StompCommand command, AuthenticatedUser user, String destination, String body,
            String... headers) {
        StompHeaderAccessor accessor = StompHeaderAccessor.create(command);
        accessor.setSessionId(sessionId);
        accessor.setSessionAttributes(new HashMap<>());
        accessor.setUser(user);
        if (destination != null) {
            accessor.setDestination(destination);
        }
        for (int i = 0; i < headers.length; i += 2) {
            accessor.setNativeHeader(headers[i], headers[i + 1]);
        }
        if (command == StompCommand.CONNECT) {
            accessor.setHeartbeat(10_000, 10_000);
        }
        if (command == StompCommand.SUBSCRIBE) {
            accessor.setSubscriptionId("sub-" + destination);
        }
        accessor.setLeaveMutable(true);
        return MessageBuilder.createMessage(body == null ? new byte[0] : body.getBytes(), accessor.getMessageHeaders());
    }

    private Optional<StompHeaderAccessor> outboundFrame(StompCommand command) {
        return toClients.stream().map(StompHeaderAccessor::wrap)
                .filter(a -> sessionId.equals(a.getSessionId()) && command == a.getCommand()).findFirst();
    }

    private Optional<Message<?>> connectAck() {
        return toClients.stream().filter(m -> sessionId.equals(SimpMessageHeaderAccessor.getSessionId(m.getHeaders()))
                && SimpMessageHeaderAccessor.getMessageType(m.getHeaders()) == SimpMessageType.CONNECT_ACK).findFirst();
    }

    private List<JsonNode> bodiesOn(String queue) {
        return toClients.stream()
                .filter(m -> (queue + "-user" + sessionId).equals(StompHeaderAccessor.wrap(m).getDestination()))
                .map(m -> {
                    try {
                        return JsonCodec.mapper().readTree((byte[]) m.getPayload());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).toList();
    }

    @Test
    void aConnectWithoutAValidTokenIsAnsweredWithAnErrorFrameAndGoesNoFurther() {
        inbound.send(frame(StompCommand.CONNECT, null, null, null, "Authorization", "Bearer forged"));
        await().atMost(WAIT).until(() -> outboundFrame(StompCommand.ERROR).isPresent());
        assertThat(outboundFrame(StompCommand.ERROR).orElseThrow().getMessage()).isEqualTo("unauthorized: invalid token");
        assertThat(connectAck()).isEmpty();
    }

    @Test
    void aValidConnectGetsHeartBeatsSubscribesSendsAndGetsItsAckFromTheBroker() {
        TestUser alice = user(tokens, "alice");
        String conversation = conversation(alice.userId(), user(tokens, "bob").userId());
        inbound.send(frame(StompCommand.CONNECT, null, null, null, "Authorization", "Bearer " + alice.token()));
        await().atMost(WAIT).until(() -> connectAck().isPresent());
        AuthenticatedUser principal = (AuthenticatedUser) SimpMessageHeaderAccessor.getUser(
                connectAck().orElseThrow().getHeaders());
        assertThat(principal.userId()).isEqualTo(alice.userId());
        assertThat(SimpMessageHeaderAccessor.getHeartbeat(connectAck().orElseThrow().getHeaders()))
                .containsExactly(10_000L, 10_000L); // the server's heart-beats of protocol.md
        sessions.add(principal, sessionId); // what SessionConnectedEvent does once CONNECTED reached a socket

        inbound.send(frame(StompCommand.SUBSCRIBE, principal, "/user/queue/acks", null, "receipt", "r-1"));
        await().atMost(WAIT).until(() -> outboundFrame(StompCommand.RECEIPT).isPresent());
        inbound.send(frame(StompCommand.SEND, principal, "/app/chat.send", "{\"conversationId\":\"" + conversation
                + "\",\"clientMessageId\":\"via-channel\",\"content\":\"hi\"}"));

        await().atMost(WAIT).until(() -> !bodiesOn("/queue/acks").isEmpty());
        assertThat(bodiesOn("/queue/acks")).singleElement().satisfies(ack -> {
            assertThat(ack.get("clientMessageId").asText()).isEqualTo("via-channel");
            assertThat(ack.get("seq").asLong()).isEqualTo(1);
        });
    }

    @Test
    void theGuardRefusesForeignSubscriptionsAndSendsOutsideApp() {
        AuthenticatedUser mallory = new AuthenticatedUser("mallory", "mallory", java.time.Instant.MAX);
        inbound.send(frame(StompCommand.SUBSCRIBE, mallory, "/user/alice/queue/messages", null));
        await().atMost(WAIT).until(() -> outboundFrame(StompCommand.ERROR).isPresent());
        assertThat(outboundFrame(StompCommand.ERROR).orElseThrow().getMessage()).startsWith("forbidden");

        toClients.clear();
        inbound.send(frame(StompCommand.SEND, mallory, "/queue/messages-usersomeone", "{\"forged\":true}"));
        await().atMost(WAIT).until(() -> outboundFrame(StompCommand.ERROR).isPresent());
        assertThat(toClients).noneMatch(m -> "/queue/messages-usersomeone".equals(StompHeaderAccessor.wrap(m)
                .getDestination()));
    }
}
