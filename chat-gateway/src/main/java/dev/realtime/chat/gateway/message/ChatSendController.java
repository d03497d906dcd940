package dev.realtime.chat.gateway.message;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import dev.realtime.chat.gateway.websocket.AppDestination;
import org.springframework.stereotype.Component;

/**
 * {@code /app/chat.send}. The body is taken as raw bytes and parsed by the send path itself, so that malformed
 * JSON is an {@code invalid_request} on {@code /user/queue/errors}. The sender is the session's authenticated
 * user, never a payload field.
 */
@Component
class ChatSendController implements AppDestination {

    private final ChatSendService sendService;

    ChatSendController(ChatSendService sendService) {
        this.sendService = sendService;
    }

    @Override
    public String name() {
        return "chat.send";
    }

    @Override
    public void handle(AuthenticatedUser sender, String sessionId, byte[] body) {
        sendService.send(sender, sessionId, body);
    }
}
