package dev.realtime.chat.gateway.websocket;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import dev.realtime.chat.gateway.auth.InvalidTokenException;
import dev.realtime.chat.gateway.auth.TokenVerifier;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.SubProtocolCapable;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;

/**
 * The gateway's STOMP server (1.0, 1.1, 1.2) over raw WebSocket: frames are decoded and handled on the thread that
 * read them (one frame of a session at a time, in order), replies and deliveries go through the connection's
 * outbound queue ({@link StompConnection}). No message broker in between: a delivery is one encoded MESSAGE frame
 * per subscription, queued straight on the recipient's connection.
 *
 * <ul>
 * <li>CONNECT/STOMP: {@code Authorization: Bearer <token>} (or the token as {@code passcode}); a bad, missing or
 * expired token gets an ERROR frame ({@code unauthorized}) and the connection closes. CONNECTED offers
 * {@code heart-beat:<hb>,<hb>} (protocol.md: 10000,10000).</li>
 * <li>SUBSCRIBE only {@code /user/queue/messages|acks|events|errors} (the session's own); SEND only to
 * {@code /app/<name>} of an {@link AppDestination}. Anything else, or any frame before CONNECT, gets an ERROR frame
 * ({@code forbidden}) and the connection closes. A SEND to an unknown {@code /app/} name is answered on
 * {@code /user/queue/errors} ({@code not_found}) and the session stays usable.</li>
 * <li>{@code receipt} on any client frame is answered with RECEIPT once the frame was handled (for SUBSCRIBE: once
 * the subscription is registered, so nothing sent to it afterwards can be missed).</li>
 * <li>A frame that is not STOMP, or larger than {@code chat.gateway.max-frame-bytes}, gets an ERROR
 * ({@code invalid_request}) and the connection closes.</li>
 * </ul>
 */
public class StompEndpoint implements WebSocketHandler, SubProtocolCapable {

    public static final Set<String> USER_QUEUES = Set.of("/user/queue/messages", "/user/queue/acks",
            "/user/queue/events", "/user/queue/errors");
    static final String APP_PREFIX = "/app/";
    static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "Bearer ";
    private static final Logger log = LoggerFactory.getLogger(StompEndpoint.class);

    private final StompConnections connections;
    private final TokenVerifier tokenVerifier;
    private final Map<String, AppDestination> destinations;
    private final List<StompSessionListener> listeners;
    private final GatewayProperties properties;

    public StompEndpoint(StompConnections connections, TokenVerifier tokenVerifier, List<AppDestination> destinations,
            List<StompSessionListener> listeners, GatewayProperties properties) {
        this.connections = connections;
        this.tokenVerifier = tokenVerifier;
        this.destinations = destinations.stream()
                .collect(Collectors.toUnmodifiableMap(AppDestination::name, Function.identity()));
        this.listeners = List.copyOf(listeners);
        this.properties = properties;
    }

    @Override
    public List<String> getSubProtocols() {
        return List.of("v10.stomp", "v11.stomp", "v12.stomp");
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        if (session instanceof StandardWebSocketSession standard) {
            try {
                // Tomcat's blocking write gives up after the send time limit (default 20 s) on a client that stopped reading.
                standard.getNativeSession().getUserProperties()
                        .put(TOMCAT_BLOCKING_SEND_TIMEOUT, properties.sendTimeLimit().toMillis());
            } catch (IllegalStateException notOpen) {
                return;
            }
        }
        connections.open(session);
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
        StompConnection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        connection.read(System.nanoTime());
        byte[] bytes;
        boolean last = message.isLast();
        if (message instanceof TextMessage text) {
            bytes = text.getPayload().getBytes(StandardCharsets.UTF_8);
        } else if (message instanceof BinaryMessage binary) {
            ByteBuffer payload = binary.getPayload();
            bytes = new byte[payload.remaining()];
            payload.get(bytes);
        } else {
            return; // pong
        }
        if (connection.isClosing()) {
            return;
        }
        StompDecoder.Decoded decoded;
        try {
            decoded = connection.decoder().decode(bytes, last);
        } catch (StompProtocolException e) {
            refuse(connection, e.tooBig() ? StompConnection.CloseReason.LIMIT : StompConnection.CloseReason.PROTOCOL,
                    "invalid_request", e.getMessage(), null);
            return;
        }
        for (StompFrame frame : decoded.frames()) {
            if (connection.isClosing()) {
                return;
            }
            try {
                handle(connection, frame);
            } catch (StompProtocolException e) {
                refuse(connection, StompConnection.CloseReason.PROTOCOL, "invalid_request", e.getMessage(),
                        frame.receipt());
            } catch (RuntimeException e) {
                log.warn("STOMP {} frame of session {} failed", frame.command(), connection.id(), e);
                refuse(connection, StompConnection.CloseReason.PROTOCOL, "invalid_request",
                        "the frame could not be processed", frame.receipt());
            }
        }
    }

    private void handle(StompConnection connection, StompFrame frame) {
        String command = frame.command();
        if ("CONNECT".equals(command) || "STOMP".equals(command)) {
            connect(connection, frame);
            return;
        }
        if ("DISCONNECT".equals(command)) {
            String receipt = frame.receipt();
            if (receipt != null) {
                connection.sendAndClose(StompEncoder.receipt(receipt, connection.escapeHeaders()), CloseStatus.NORMAL,
                        StompConnection.CloseReason.NORMAL);
            } else {
                connection.close(CloseStatus.NORMAL, StompConnection.CloseReason.NORMAL);
            }
            return;
        }
        AuthenticatedUser user = connection.user();
        if (!isClientCommand(command)) {
            refuse(connection, StompConnection.CloseReason.PROTOCOL, "invalid_request", "unknown command " + command,
                    frame.receipt());
            return;
        }
        if (user == null) {
            refuse(connection, StompConnection.CloseReason.PROTOCOL, "forbidden", "not connected", frame.receipt());
            return;
        }
        switch (command) {
            case "SEND" -> {
                if (!send(connection, user, frame)) {
                    return;
                }
            }
            case "SUBSCRIBE" -> {
                if (!subscribe(connection, frame)) {
                    return;
                }
            }
            case "UNSUBSCRIBE" -> {
                String id = frame.header("id");
                connection.unsubscribe(id != null ? id : String.valueOf(frame.header("destination")));
            }
            default -> {
                // ACK, NACK (subscriptions are auto-ack), BEGIN, COMMIT, ABORT (no transactions): nothing to do
            }
        }
        String receipt = frame.receipt();
        if (receipt != null) {
            connection.send(StompEncoder.receipt(receipt, connection.escapeHeaders()));
        }
    }

    private void connect(StompConnection connection, StompFrame frame) {
        if (connection.user() != null) {
            refuse(connection, StompConnection.CloseReason.PROTOCOL, "invalid_request", "already connected",
                    frame.receipt());
            return;
        }
        String version = version(frame.header("accept-version"));
        if (version == null) {
            refuse(connection, StompConnection.CloseReason.PROTOCOL, "invalid_request",
                    "supported STOMP versions are 1.0, 1.1, 1.2", frame.receipt());
            return;
        }
        long[] clientHeartbeat = heartbeat(frame.header("heart-beat"));
        AuthenticatedUser user;
        try {
            user = tokenVerifier.verify(token(frame));
        } catch (InvalidTokenException e) {
            refuse(connection, StompConnection.CloseReason.PROTOCOL, "unauthorized", e.getMessage(), frame.receipt());
            return;
        }
        long server = properties.heartbeat().toMillis();
        // As Spring's broker did: the client's interval or ours, whichever is longer; 0 on either side turns it off.
        long writeInterval = clientHeartbeat[1] > 0 && server > 0 ? Math.max(clientHeartbeat[1], server) : 0;
        long readTimeout = clientHeartbeat[0] > 0 && server > 0 ? Math.max(clientHeartbeat[0], server) * 3 : 0;
        connection.connected(user, !"1.0".equals(version), writeInterval, readTimeout);
        connection.send(StompEncoder.connected(version, server, server, user.getName()));
        for (StompSessionListener listener : listeners) {
            try {
                listener.connected(user, connection.id());
            } catch (RuntimeException e) {
                log.warn("Session listener failed on connect of {}", connection.id(), e);
            }
        }
    }

    private boolean subscribe(StompConnection connection, StompFrame frame) {
        String destination = frame.header("destination");
        if (destination == null || !USER_QUEUES.contains(destination)) {
            refuse(connection, StompConnection.CloseReason.PROTOCOL, "forbidden",
                    "subscriptions are limited to /user/queue/messages, acks, events, errors", frame.receipt());
            return false;
        }
        String id = frame.header("id");
        if (id == null) {
            if (connection.escapeHeaders()) { // 1.1 and 1.2 require it
                refuse(connection, StompConnection.CloseReason.PROTOCOL, "invalid_request", "SUBSCRIBE needs an id",
                        frame.receipt());
                return false;
            }
            id = destination;
        }
        connection.subscribe(id, destination);
        return true;
    }

    private boolean send(StompConnection connection, AuthenticatedUser user, StompFrame frame) {
        String destination = frame.header("destination");
        if (destination == null || !destination.startsWith(APP_PREFIX)) {
            refuse(connection, StompConnection.CloseReason.PROTOCOL, "forbidden", "SEND is limited to /app destinations",
                    frame.receipt());
            return false;
        }
        AppDestination target = destinations.get(destination.substring(APP_PREFIX.length()));
        if (target == null) {
            connection.deliver("/user/queue/errors", "{\"code\":\"not_found\",\"message\":\"no such destination\","
                    + "\"clientMessageId\":null}");
            return true;
        }
        target.handle(user, connection.id(), frame.body());
        return true;
    }

    private void refuse(StompConnection connection, StompConnection.CloseReason reason, String code,
            String safeMessage, String receipt) {
        connection.sendAndClose(StompEncoder.error(code, safeMessage, receipt, connection.escapeHeaders()),
                reason == StompConnection.CloseReason.LIMIT ? CloseStatus.TOO_BIG_TO_PROCESS : CloseStatus.PROTOCOL_ERROR,
                reason);
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Transport error on session {}: {}", session.getId(), exception.toString());
        StompConnection connection = connections.get(session.getId());
        if (connection != null) {
            connection.close(CloseStatus.SERVER_ERROR, StompConnection.CloseReason.NORMAL);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) {
        StompConnection connection = connections.remove(session.getId());
        if (connection == null) {
            return;
        }
        connection.closed();
        for (StompSessionListener listener : listeners) {
            try {
                listener.closed(connection.user(), connection.id());
            } catch (RuntimeException e) {
                log.warn("Session listener failed on close of {}", connection.id(), e);
            }
        }
    }

    /** Parts of a big WebSocket message are fed to the decoder as they come: it joins frames across them. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    private static boolean isClientCommand(String command) {
        return switch (command) {
            case "SEND", "SUBSCRIBE", "UNSUBSCRIBE", "ACK", "NACK", "BEGIN", "COMMIT", "ABORT" -> true;
            default -> false;
        };
    }

    /** The highest version both speak; no {@code accept-version} means 1.0. */
    static String version(String acceptVersion) {
        if (acceptVersion == null || acceptVersion.isBlank()) {
            return "1.0";
        }
        Set<String> offered = Set.of(acceptVersion.replace(" ", "").split(","));
        for (String version : List.of("1.2", "1.1", "1.0")) {
            if (offered.contains(version)) {
                return version;
            }
        }
        return null;
    }

    static long[] heartbeat(String header) {
        if (header == null || header.isBlank()) {
            return new long[] { 0, 0 };
        }
        String[] parts = header.split(",");
        try {
            if (parts.length == 2) {
                long cx = Long.parseLong(parts[0].trim());
                long cy = Long.parseLong(parts[1].trim());
                if (cx >= 0 && cy >= 0) {
                    return new long[] { cx, cy };
                }
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new StompProtocolException("heart-beat must be two non-negative numbers");
    }

    static String token(StompFrame frame) {
        String authorization = frame.header(AUTHORIZATION);
        if (authorization == null) {
            authorization = frame.header("authorization");
        }
        if (authorization != null) {
            if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return authorization.substring(BEARER.length()).strip();
            }
            throw new InvalidTokenException("Authorization must be 'Bearer <token>'");
        }
        String passcode = frame.header("passcode");
        if (passcode != null && !passcode.isBlank()) {
            return passcode.strip();
        }
        throw new InvalidTokenException("missing token");
    }
}
