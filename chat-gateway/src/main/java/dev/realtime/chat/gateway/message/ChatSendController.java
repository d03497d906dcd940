package dev.realtime.chat.gateway.message;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

/**
 * {@code /app/chat.send}. The body is taken as raw bytes and parsed by the send path itself, so that malformed
 * JSON is an {@code invalid_request} on {@code /user/queue/errors}, not a converter exception. The sender is the
 * session's authenticated principal, never a payload field.
 */
@Controller
class ChatSendController {

    private final ChatSendService sendService;

    ChatSendController(ChatSendService sendService) {
        this.sendService = sendService;
    }

    @MessageMapping("chat.send")
    void send(Message<byte[]> frame, AuthenticatedUser sender,
            @Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId) {
        sendService.send(sender, sessionId, frame.getPayload());
    }
}
