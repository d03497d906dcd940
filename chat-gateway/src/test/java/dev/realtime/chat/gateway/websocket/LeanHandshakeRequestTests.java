package dev.realtime.chat.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;

class LeanHandshakeRequestTests {

    private static MockHttpServletRequest handshake() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws");
        request.addHeader("Host", "chat.example:8080");
        request.addHeader("Upgrade", "websocket");
        request.addHeader("Connection", "Upgrade");
        request.addHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        request.addHeader("Sec-WebSocket-Version", "13");
        request.addHeader("Sec-WebSocket-Protocol", "v12.stomp, v11.stomp");
        request.addHeader("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
        request.addHeader("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)");
        request.addHeader("Cookie", "a=" + "x".repeat(500));
        return request;
    }

    @Test
    void theCopiesSpringAndTomcatKeepPerConnectionHoldOnlyTheSubprotocol() {
        var lean = new WebSocketConfiguration.LeanHandshakeRequest(handshake(), false);

        assertThat(Collections.list(lean.getHeaderNames())).containsExactly("Sec-WebSocket-Protocol");
        assertThat(new ServletServerHttpRequest(lean).getHeaders().toSingleValueMap())
                .containsOnlyKeys("Sec-WebSocket-Protocol");
    }

    @Test
    void everyHeaderTheUpgradeReadsByNameIsStillThereButTheExtensionsWithoutCompression() {
        var lean = new WebSocketConfiguration.LeanHandshakeRequest(handshake(), false);

        assertThat(lean.getHeader("sec-websocket-key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(lean.getHeader("Sec-WebSocket-Version")).isEqualTo("13");
        assertThat(lean.getHeader("Host")).isEqualTo("chat.example:8080");
        assertThat(lean.getHeader("Sec-WebSocket-Extensions")).isNull();
        assertThat(Collections.list(lean.getHeaders("sec-websocket-extensions"))).isEmpty();
    }

    @Test
    void withCompressionTheExtensionsReachTheContainer() {
        var lean = new WebSocketConfiguration.LeanHandshakeRequest(handshake(), true);

        assertThat(lean.getHeader("Sec-WebSocket-Extensions")).startsWith("permessage-deflate");
        assertThat(Collections.list(lean.getHeaders("Sec-WebSocket-Extensions"))).hasSize(1);
    }

    @Test
    void noSubprotocolNoHeaderNames() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ws");
        request.addHeader("Host", "h");

        assertThat(Collections.list(new WebSocketConfiguration.LeanHandshakeRequest(request, false).getHeaderNames()))
                .isEmpty();
    }
}
