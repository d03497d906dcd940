package dev.realtime.chat.gateway.event;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Controller;

/** {@code /app/chat.typing} and {@code /app/chat.receipt}: the transient conversation events. */
@Controller
class ConversationEventController {

    private final ConversationEvents events;

    ConversationEventController(ConversationEvents events) {
        this.events = events;
    }

    @MessageMapping("chat.typing")
    void typing(Message<byte[]> frame, AuthenticatedUser user,
            @Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId) {
        events.typing(user, sessionId, frame.getPayload());
    }

    @MessageMapping("chat.receipt")
    void receipt(Message<byte[]> frame, AuthenticatedUser user,
            @Header(SimpMessageHeaderAccessor.SESSION_ID_HEADER) String sessionId) {
        events.receipt(user, sessionId, frame.getPayload());
    }
}
