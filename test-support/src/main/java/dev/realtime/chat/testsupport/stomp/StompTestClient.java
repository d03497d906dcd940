package dev.realtime.chat.testsupport.stomp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.model.codec.JsonCodec;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * A STOMP 1.2 client over a real WebSocket, for tests: it connects with the given STOMP CONNECT headers,
 * subscribes the four user queues of protocol.md ({@code /user/queue/messages|acks|events|errors}) and collects
 * every JSON body per queue in thread-safe lists.
 *
 * <pre>
 * try (StompTestClient alice = StompTestClient.connect("ws://127.0.0.1:" + port + "/ws", StompTestClient.bearer(token))) {
 *     alice.send("/app/chat.send", Map.of("conversationId", id, "clientMessageId", "c1", "content", "hi"));
 *     JsonNode ack = alice.awaitMessage("acks", a -&gt; a.path("clientMessageId").asText().equals("c1"), Duration.ofSeconds(5));
 * }
 * </pre>
 *
 * Subscriptions are made with a {@code receipt} header; when the server answers RECEIPT frames (the chat gateway
 * does), {@link #connect} returns only once the server registered all four subscriptions, so nothing sent to the
 * user afterwards can be missed.
 */
public final class StompTestClient implements AutoCloseable {

    /** The queue names of protocol.md, as accepted by {@link #received} and {@link #awaitMessage}. */
    public static final List<String> QUEUES = List.of("messages", "acks", "events", "errors");
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final WebSocketStompClient stompClient;
    private final ThreadPoolTaskScheduler scheduler;
    private final Map<String, List<JsonNode>> inbox = new ConcurrentHashMap<>();
    private final List<String> nonJsonBodies = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> errorFrame = new AtomicReference<>();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final Object arrivals = new Object();
    private volatile StompSession session;

    private StompTestClient() {
        this.scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("stomp-test-client-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        this.stompClient = new WebSocketStompClient(new StandardWebSocketClient());
        stompClient.setMessageConverter(new AnyContentTypeBytes());
        stompClient.setTaskScheduler(scheduler);
        stompClient.setDefaultHeartbeat(new long[] { 0, 0 });
        stompClient.setInboundMessageSizeLimit(1024 * 1024);
        for (String queue : QUEUES) {
            inbox.put(queue, new CopyOnWriteArrayList<>());
        }
    }

    /** {@code Authorization: Bearer <token>}, as a STOMP CONNECT header. */
    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** The token as the STOMP {@code passcode} header (for clients that cannot set Authorization). */
    public static Map<String, String> passcode(String token) {
        return Map.of("passcode", token);
    }

    /**
     * Connects, subscribes the four user queues and waits for the subscriptions.
     *
     * @throws StompConnectFailedException when the server answers ERROR, closes the connection, or does not answer
     *                                     within {@link #DEFAULT_TIMEOUT}
     */
    public static StompTestClient connect(String url, Map<String, String> connectHeaders) {
        return connect(url, connectHeaders, DEFAULT_TIMEOUT);
    }

    public static StompTestClient connect(String url, Map<String, String> connectHeaders, Duration timeout) {
        StompTestClient client = new StompTestClient();
        try {
            client.open(url, connectHeaders, timeout);
            return client;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Tries to connect and reports what happened instead of throwing: for tests of refused connections.
     * A refused attempt has {@code connected == false}, the ERROR frame's {@code message} header (if any) and
     * whether the server closed the WebSocket within the timeout.
     */
    public static ConnectAttempt attempt(String url, Map<String, String> connectHeaders, Duration timeout) {
        StompTestClient client = new StompTestClient();
        try {
            client.open(url, connectHeaders, timeout);
            return new ConnectAttempt(true, null, false, client);
        } catch (StompConnectFailedException e) {
            boolean closed = client.awaitClosed(timeout);
            client.close();
            return new ConnectAttempt(false, client.errorFrame.get(), closed, null);
        }
    }

    private void open(String url, Map<String, String> connectHeaders, Duration timeout) {
        StompHeaders headers = new StompHeaders();
        connectHeaders.forEach(headers::add);
        CompletableFuture<StompSession> future = stompClient.connectAsync(url, new WebSocketHttpHeaders(), headers,
                new Handler());
        try {
            session = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new StompConnectFailedException("connect to " + url + " failed: " + describeFailure(e.getCause()),
                    errorFrame.get(), e.getCause());
        } catch (TimeoutException e) {
            throw new StompConnectFailedException("connect to " + url + " timed out: " + describeFailure(null),
                    errorFrame.get(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StompConnectFailedException("interrupted", null, e);
        }
        List<CompletableFuture<Void>> receipts = new ArrayList<>();
        for (String queue : QUEUES) {
            receipts.add(subscribeWithReceipt("/user/queue/" + queue, inbox.get(queue)));
        }
        try {
            CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StompConnectFailedException("subscriptions of " + url + " were not confirmed: "
                    + describeFailure(e.getCause()), errorFrame.get(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StompConnectFailedException("interrupted", null, e);
        }
    }

    private String describeFailure(Throwable cause) {
        String error = errorFrame.get();
        return error != null ? "ERROR frame '" + error + "'" : String.valueOf(cause);
    }

    private CompletableFuture<Void> subscribeWithReceipt(String destination, List<JsonNode> sink) {
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setReceipt("sub-" + destination);
        CompletableFuture<Void> receipt = new CompletableFuture<>();
        StompSession.Subscription subscription = session.subscribe(headers, new Collector(sink));
        subscription.addReceiptTask(() -> receipt.complete(null));
        subscription.addReceiptLostTask(() -> receipt.completeExceptionally(
                new IllegalStateException("no RECEIPT for the subscription of " + destination)));
        return receipt;
    }

    /**
     * Subscribes one more destination (e.g. to test that the server refuses other users' queues); its bodies are
     * collected under the destination itself as the queue name.
     */
    public void subscribe(String destination) {
        List<JsonNode> sink = inbox.computeIfAbsent(destination, d -> new CopyOnWriteArrayList<>());
        session.subscribe(destination, new Collector(sink));
    }

    /** Sends a SEND frame: a String body as is (e.g. malformed JSON), anything else as JSON. */
    public void send(String destination, Object body) {
        byte[] bytes = body instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : JsonCodec.toBytes(body);
        StompHeaders headers = new StompHeaders();
        headers.setDestination(destination);
        headers.setContentType(org.springframework.util.MimeTypeUtils.APPLICATION_JSON);
        session.send(headers, bytes);
    }

    /** A snapshot of the JSON bodies received on {@code queue} ("messages", "acks", "events", "errors"). */
    public List<JsonNode> received(String queue) {
        List<JsonNode> list = inbox.get(queue);
        if (list == null) {
            throw new IllegalArgumentException("not a subscribed queue: " + queue);
        }
        return List.copyOf(list);
    }

    /** Bodies that were not JSON (should stay empty against the chat gateway). */
    public List<String> nonJsonBodies() {
        return Collections.unmodifiableList(nonJsonBodies);
    }

    /**
     * Waits for the first body on {@code queue} matching {@code predicate} (already received ones count).
     *
     * @throws AssertionError after {@code timeout}, listing what the queue received
     */
    public JsonNode awaitMessage(String queue, Predicate<JsonNode> predicate, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (true) {
                Optional<JsonNode> match = received(queue).stream().filter(predicate).findFirst();
                if (match.isPresent()) {
                    return match.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching message on " + queue + " within " + timeout + "; received "
                            + received(queue) + (errorFrame.get() != null ? "; ERROR frame " + errorFrame.get() : ""));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(arrivals, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting on " + queue, e);
                }
            }
        }
    }

    public JsonNode awaitMessage(String queue, Predicate<JsonNode> predicate) {
        return awaitMessage(queue, predicate, DEFAULT_TIMEOUT);
    }

    /** Predicate helper: the body's text field {@code field} equals {@code value}. */
    public static Predicate<JsonNode> field(String field, String value) {
        return node -> node.hasNonNull(field) && node.get(field).asText().equals(value);
    }

    /** The {@code message} header of an ERROR frame the server sent, if any. */
    public Optional<String> errorFrame() {
        return Optional.ofNullable(errorFrame.get());
    }

    public boolean isConnected() {
        StompSession local = session;
        return local != null && local.isConnected() && closedLatch.getCount() > 0;
    }

    /** Waits until the server closed the connection (or it was lost); true if it did within {@code timeout}. */
    public boolean awaitClosed(Duration timeout) {
        try {
            return closedLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        StompSession local = session;
        if (local != null && local.isConnected()) {
            try {
                local.disconnect();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
        stompClient.stop();
        scheduler.shutdown();
    }

    private void arrived() {
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    private final class Collector implements StompFrameHandler {

        private final List<JsonNode> sink;

        Collector(List<JsonNode> sink) {
            this.sink = sink;
        }

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            byte[] bytes = payload == null ? new byte[0] : (byte[]) payload;
            try {
                sink.add(JsonCodec.mapper().readTree(bytes));
            } catch (IOException e) {
                nonJsonBodies.add(new String(bytes, StandardCharsets.UTF_8));
            }
            arrived();
        }
    }

    private final class Handler extends StompSessionHandlerAdapter {

        @Override
        public Type getPayloadType(StompHeaders headers) {
            return byte[].class;
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            // Frames without a subscription: ERROR frames.
            String message = headers.getFirst("message");
            errorFrame.compareAndSet(null, message != null ? message : "error");
            arrived();
        }

        @Override
        public void handleException(StompSession session, StompCommand command, StompHeaders headers, byte[] payload,
                Throwable exception) {
            nonJsonBodies.add("exception handling " + command + ": " + exception);
        }

        @Override
        public void handleTransportError(StompSession session, Throwable exception) {
            closedLatch.countDown();
            arrived();
        }
    }

    /** Bodies as bytes, whatever their content-type (the gateway's are application/json). */
    private static final class AnyContentTypeBytes extends ByteArrayMessageConverter {

        @Override
        protected boolean supportsMimeType(org.springframework.messaging.MessageHeaders headers) {
            return true;
        }
    }

    /** The outcome of {@link #attempt}: {@code client} is the connected client when {@code connected}. */
    public record ConnectAttempt(boolean connected, String errorMessage, boolean closedByServer,
            StompTestClient client) {
    }

    /** A connection the server refused or did not confirm. */
    public static final class StompConnectFailedException extends RuntimeException {

        private final String errorFrame;

        StompConnectFailedException(String message, String errorFrame, Throwable cause) {
            super(message, cause);
            this.errorFrame = errorFrame;
        }

        /** The {@code message} header of the server's ERROR frame, or null. */
        public String errorFrame() {
            return errorFrame;
        }
    }

    /** An ordered JSON object body that may hold nulls (unlike {@code Map.of}): {@code body("k", v, ...)}. */
    public static Map<String, Object> body(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
