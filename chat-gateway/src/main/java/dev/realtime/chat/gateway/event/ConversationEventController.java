package dev.realtime.chat.gateway.event;

import dev.realtime.chat.gateway.websocket.AppDestination;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code /app/chat.typing} and {@code /app/chat.receipt}: the transient conversation events. */
@Configuration(proxyBeanMethods = false)
class ConversationEventController {

    @Bean
    AppDestination typingDestination(ConversationEvents events) {
        return AppDestination.of("chat.typing", events::typing);
    }

    @Bean
    AppDestination receiptDestination(ConversationEvents events) {
        return AppDestination.of("chat.receipt", events::receipt);
    }
}
