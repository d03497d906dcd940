package dev.realtime.chat.gateway.message;

import dev.realtime.chat.gateway.websocket.AppDestination;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /app/chat.send}. The body is taken as raw bytes and parsed by the send path itself, so that malformed
 * JSON is an {@code invalid_request} on {@code /user/queue/errors}. The sender is the session's authenticated
 * user, never a payload field.
 */
@Configuration(proxyBeanMethods = false)
class ChatSendController {

    @Bean
    AppDestination chatSendDestination(ChatSendService sendService) {
        return AppDestination.of("chat.send", sendService::send);
    }
}
