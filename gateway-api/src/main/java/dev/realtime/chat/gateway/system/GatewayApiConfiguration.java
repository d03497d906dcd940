package dev.realtime.chat.gateway.system;

import dev.realtime.chat.gateway.conversation.ConversationProperties;
import dev.realtime.chat.gateway.history.HistoryProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the REST half. chat-gateway's {@code @SpringBootApplication} (package {@code dev.realtime.chat.gateway})
 * finds this and every other bean of gateway-api by component scan.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ApiProperties.class, ConversationProperties.class, HistoryProperties.class })
public class GatewayApiConfiguration {
}
