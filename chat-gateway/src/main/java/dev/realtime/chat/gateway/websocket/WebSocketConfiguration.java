package dev.realtime.chat.gateway.websocket;

import dev.realtime.chat.gateway.auth.TokenVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.server.RequestUpgradeStrategy;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * STOMP over raw WebSocket at {@code /ws} ({@link StompEndpoint}; SockJS at {@code chat.gateway.sock-js-path} if
 * set). STOMP frames up to {@code chat.gateway.max-frame-bytes}, whatever their split into WebSocket messages; a
 * bigger one gets an ERROR frame and the connection closes.
 *
 * <p>{@code permessage-deflate} is not negotiated unless {@code chat.gateway.compression=true}: chat frames are a
 * few hundred bytes, and deflating each one cost more CPU per frame than everything else the gateway does with it
 * (docs/benchmarks.md).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(GatewayProperties.class)
class WebSocketConfiguration implements WebSocketConfigurer {

    private final StompEndpoint endpoint;
    private final GatewayProperties properties;

    WebSocketConfiguration(StompEndpoint endpoint, GatewayProperties properties) {
        this.endpoint = endpoint;
        this.properties = properties;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        DefaultHandshakeHandler handshake = new DefaultHandshakeHandler(new LeanUpgradeStrategy(properties.compression()));
        registry.addHandler(endpoint, "/ws").setAllowedOriginPatterns("*").setHandshakeHandler(handshake);
        if (properties.sockJsPath() != null && !properties.sockJsPath().isBlank()) {
            registry.addHandler(endpoint, properties.sockJsPath()).setAllowedOriginPatterns("*")
                    .setHandshakeHandler(handshake).withSockJS();
        }
    }

    /**
     * Tomcat allocates these buffers for every session, so they stay small ({@code chat.gateway.message-buffer-bytes});
     * a bigger WebSocket message arrives in parts, which {@link StompDecoder} joins up to
     * {@code chat.gateway.max-frame-bytes}. Sized to max-frame-bytes (64 KB) they cost ~245 KB of heap per idle
     * connection (docs/benchmarks.md).
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(properties.messageBufferBytes());
        container.setMaxBinaryMessageBufferSize(properties.messageBufferBytes());
        return container;
    }

    /**
     * Tomcat's per-connection socket buffers: 8 KB each way by default, kept for the life of an upgraded WebSocket
     * connection. Chat frames are small; a bigger read or write takes a few more system calls.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSocketBuffers() {
        String size = Integer.toString(properties.socketBufferBytes());
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", size);
            connector.setProperty("socket.appWriteBufSize", size);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class StompBeans {

        @Bean
        StompConnections stompConnections(GatewayProperties properties, MeterRegistry registry) {
            return new StompConnections(properties, registry);
        }

        @Bean
        StompEndpoint stompEndpoint(StompConnections connections, TokenVerifier tokenVerifier,
                List<AppDestination> destinations, List<StompSessionListener> listeners,
                GatewayProperties properties) {
            return new StompEndpoint(connections, tokenVerifier, destinations, listeners, properties);
        }
    }

    /**
     * The upgrade sees a {@link LeanHandshakeRequest}: {@code Sec-WebSocket-Extensions} hidden unless compression
     * is on, and only the subprotocol header listed, so that neither Spring's session nor Tomcat's upgrade handler
     * keeps a copy of every handshake header for the life of the connection (~2 KB of heap per connection, which
     * the 10,000-connection run measured). Nothing in the gateway reads the handshake headers after the upgrade;
     * the handshake itself (origin, version, key, subprotocol) was checked on the real request.
     */
    private static final class LeanUpgradeStrategy implements RequestUpgradeStrategy {

        private final StandardWebSocketUpgradeStrategy delegate = new StandardWebSocketUpgradeStrategy();
        private final boolean compression;

        LeanUpgradeStrategy(boolean compression) {
            this.compression = compression;
        }

        @Override
        public String[] getSupportedVersions() {
            return delegate.getSupportedVersions();
        }

        @Override
        public List<WebSocketExtension> getSupportedExtensions(ServerHttpRequest request) {
            return compression ? delegate.getSupportedExtensions(request) : List.of();
        }

        @Override
        public void upgrade(ServerHttpRequest request, ServerHttpResponse response, String selectedProtocol,
                List<WebSocketExtension> selectedExtensions, Principal user, WebSocketHandler handler,
                Map<String, Object> attributes) throws HandshakeFailureException {
            if (request instanceof ServletServerHttpRequest servlet) {
                request = new ServletServerHttpRequest(new LeanHandshakeRequest(servlet.getServletRequest(), compression));
            }
            delegate.upgrade(request, response, selectedProtocol, compression ? selectedExtensions : List.of(), user,
                    handler, attributes);
        }
    }

    /**
     * Every header can still be read by name (the container reads the key, version and extensions that way); the
     * list of names, which Spring and Tomcat copy into per-connection maps, holds only the subprotocol.
     */
    static final class LeanHandshakeRequest extends HttpServletRequestWrapper {

        static final String PROTOCOL = "Sec-WebSocket-Protocol";
        static final String EXTENSIONS = "Sec-WebSocket-Extensions";

        private final boolean compression;

        LeanHandshakeRequest(HttpServletRequest request, boolean compression) {
            super(request);
            this.compression = compression;
        }

        private boolean hidden(String name) {
            return !compression && EXTENSIONS.equalsIgnoreCase(name);
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return super.getHeader(PROTOCOL) == null ? Collections.emptyEnumeration()
                    : Collections.enumeration(List.of(PROTOCOL));
        }
    }
}
