package dev.realtime.chat.gateway.websocket;

import java.security.Principal;
import java.util.Set;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * What an authenticated client may do: SUBSCRIBE only its own four user queues, SEND only to {@code /app/...}.
 * Anything else (another user's {@code /user/x/queue/...}, a broker destination like {@code /queue/acks-user...},
 * a SEND straight to the broker) is dropped and answered with an ERROR frame, which closes the connection.
 */
class DestinationGuard implements ChannelInterceptor {

    static final Set<String> USER_QUEUES = Set.of("/user/queue/messages", "/user/queue/acks", "/user/queue/events",
            "/user/queue/errors");
    static final String APP_PREFIX = "/app/";

    private final FrameRejector rejector;

    DestinationGuard(FrameRejector rejector) {
        this.rejector = rejector;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null || accessor.getCommand() == null) {
            return message;
        }
        StompCommand command = accessor.getCommand();
        if (command == StompCommand.SUBSCRIBE || command == StompCommand.SEND) {
            Principal user = accessor.getUser();
            String destination = accessor.getDestination();
            String refusal = null;
            if (user == null) {
                refusal = "not connected";
            } else if (command == StompCommand.SUBSCRIBE && (destination == null || !USER_QUEUES.contains(destination))) {
                refusal = "subscriptions are limited to /user/queue/messages, acks, events, errors";
            } else if (command == StompCommand.SEND && (destination == null || !destination.startsWith(APP_PREFIX))) {
                refusal = "SEND is limited to /app destinations";
            }
            if (refusal != null) {
                rejector.reject(accessor, "forbidden", refusal);
                return null;
            }
        }
        return message;
    }
}
