package dev.realtime.chat.gateway.websocket;

import java.util.Map;

/**
 * One decoded STOMP frame. Headers are decoded (STOMP 1.1/1.2 escapes undone) and, as STOMP 1.2 says, the first
 * of repeated headers wins.
 */
public record StompFrame(String command, Map<String, String> headers, byte[] body) {

    public String header(String name) {
        return headers.get(name);
    }

    public String receipt() {
        return headers.get("receipt");
    }
}
