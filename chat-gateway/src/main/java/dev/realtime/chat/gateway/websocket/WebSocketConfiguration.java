package dev.realtime.chat.gateway.websocket;

import dev.realtime.chat.gateway.auth.TokenVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * STOMP 1.2 over raw WebSocket at {@code /ws} (and SockJS at {@code chat.gateway.sock-js-path} if set); Spring's
 * simple broker for {@code /queue} with user destinations; {@code /app} for the controllers; server heart-beats
 * from {@code chat.gateway.heartbeat}.
 *
 * <p>Order: frames of one session are handled one after the other ({@code preserveReceiveOrder}) and messages to
 * one session leave in the order they were sent ({@code preservePublishOrder}); sessions do not wait for each
 * other.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
@EnableConfigurationProperties(GatewayProperties.class)
class WebSocketConfiguration implements WebSocketMessageBrokerConfigurer {

    private final GatewayProperties properties;
    private final TokenVerifier tokenVerifier;
    private final MeterRegistry meterRegistry;
    private final TaskScheduler brokerScheduler;
    private final BeanFactory beanFactory;

    WebSocketConfiguration(GatewayProperties properties, TokenVerifier tokenVerifier, MeterRegistry meterRegistry,
            @Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler brokerScheduler, BeanFactory beanFactory) {
        this.properties = properties;
        this.tokenVerifier = tokenVerifier;
        this.meterRegistry = meterRegistry;
        this.brokerScheduler = brokerScheduler;
        this.beanFactory = beanFactory;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws").setAllowedOriginPatterns("*");
        if (properties.sockJsPath() != null && !properties.sockJsPath().isBlank()) {
            registry.addEndpoint(properties.sockJsPath()).setAllowedOriginPatterns("*").withSockJS();
        }
        registry.setPreserveReceiveOrder(true);
        registry.setErrorHandler(new SafeStompErrorHandler());
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        long heartbeat = properties.heartbeat().toMillis();
        registry.enableSimpleBroker("/queue")
                .setHeartbeatValue(new long[] { heartbeat, heartbeat })
                .setTaskScheduler(brokerScheduler);
        registry.setApplicationDestinationPrefixes("/app");
        registry.setUserDestinationPrefix("/user");
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setMessageSizeLimit(properties.maxFrameBytes())
                .setSendBufferSizeLimit(properties.sendBufferBytes())
                .setSendTimeLimit((int) properties.sendTimeLimit().toMillis())
                .addDecoratorFactory(new SlowClientGuard(meterRegistry, properties.sendTimeLimit()));
    }

    /**
     * Ordered publishing sends one message at a time per session; a thread writing to a client that stopped
     * reading is held until the send time limit. Enough threads that a few slow clients never stall the others.
     */
    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.taskExecutor().corePoolSize(16).maxPoolSize(16);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        Supplier<MessageChannel> outbound = () -> beanFactory.getBean("clientOutboundChannel", MessageChannel.class);
        FrameRejector rejector = new FrameRejector(outbound);
        registration.interceptors(new StompAuthenticationInterceptor(tokenVerifier, rejector),
                new DestinationGuard(rejector), new SubscriptionReceipts(outbound));
    }
}
