package dev.realtime.chat.gateway.event;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import dev.realtime.chat.gateway.websocket.AppDestination;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code /app/chat.typing} and {@code /app/chat.receipt}: the transient conversation events. */
@Configuration(proxyBeanMethods = false)
class ConversationEventController {

    @Bean
    AppDestination typingDestination(ConversationEvents events) {
        return new AppDestination() {
            @Override
            public String name() {
                return "chat.typing";
            }

            @Override
            public void handle(AuthenticatedUser user, String sessionId, byte[] body) {
                events.typing(user, sessionId, body);
            }
        };
    }

    @Bean
    AppDestination receiptDestination(ConversationEvents events) {
        return new AppDestination() {
            @Override
            public String name() {
                return "chat.receipt";
            }

            @Override
            public void handle(AuthenticatedUser user, String sessionId, byte[] body) {
                events.receipt(user, sessionId, body);
            }
        };
    }
}
