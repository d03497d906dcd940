package dev.realtime.chat.gateway.websocket;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * One client's STOMP connection: its user once CONNECT succeeded, its subscriptions, and its outbound queue.
 *
 * <p>Outbound: any thread may {@link #send} (the AMQP consumer delivering, the confirm callback acking, Tomcat's
 * thread answering a frame); frames queue in order and one writer task at a time ({@code writers}) drains the
 * queue onto the socket with blocking writes, so a burst to one session costs one hand-off, frames of one
 * session leave in the order they were queued, and a client that stops reading blocks one writer thread (bounded
 * by the send time limit), never the thread that queued. A session whose queue exceeds {@code sendBufferChars}
 * or whose current write takes longer than {@code sendTimeLimitNanos} is closed as slow.
 */
public final class StompConnection {

    /** Why the gateway closed a connection (for the meters). */
    enum CloseReason { SLOW, LIMIT, PROTOCOL, NORMAL }

    /** The gateway closes a connection: told once, whatever the reason. */
    interface Closer {
        void closing(StompConnection connection, CloseReason reason);
    }

    private static final Logger log = LoggerFactory.getLogger(StompConnection.class);
    private static final AtomicLong MESSAGE_IDS = new AtomicLong();

    private final WebSocketSession session;
    private final String id;
    private final Executor writers;
    private final int sendBufferChars;
    private final long sendTimeLimitNanos;
    private final Closer closer;
    private final StompDecoder decoder;

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedChars = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile long writeStartedNanos;
    private volatile long lastWriteNanos;
    private volatile long lastReadNanos;

    private volatile AuthenticatedUser user;
    private volatile boolean escapeHeaders = true;
    private volatile long writeIntervalNanos;
    private volatile long readTimeoutNanos;
    /** destination -> subscription ids (almost always one); replaced as a whole on every change. */
    private volatile Map<String, List<String>> subscriptionsByDestination = Map.of();
    private final Map<String, String> destinationBySubscription = new ConcurrentHashMap<>();

    StompConnection(WebSocketSession session, Executor writers, int sendBufferChars, long sendTimeLimitNanos,
            Closer closer, int maxFrameBytes) {
        this.session = session;
        this.id = session.getId();
        this.writers = writers;
        this.sendBufferChars = sendBufferChars;
        this.sendTimeLimitNanos = sendTimeLimitNanos;
        this.closer = closer;
        this.decoder = new StompDecoder(maxFrameBytes);
        long now = System.nanoTime();
        this.lastReadNanos = now;
        this.lastWriteNanos = now;
    }

    public String id() {
        return id;
    }

    /** Read by the thread handing over this connection's WebSocket messages, one at a time. */
    StompDecoder decoder() {
        return decoder;
    }

    public AuthenticatedUser user() {
        return user;
    }

    void connected(AuthenticatedUser user, boolean escapeHeaders, long writeIntervalMillis, long readTimeoutMillis) {
        this.escapeHeaders = escapeHeaders;
        this.writeIntervalNanos = writeIntervalMillis * 1_000_000L;
        this.readTimeoutNanos = readTimeoutMillis * 1_000_000L;
        this.user = user;
    }

    boolean escapeHeaders() {
        return escapeHeaders;
    }

    synchronized void subscribe(String subscriptionId, String destination) {
        destinationBySubscription.put(subscriptionId, destination);
        rebuildSubscriptions();
    }

    synchronized void unsubscribe(String subscriptionId) {
        if (destinationBySubscription.remove(subscriptionId) != null) {
            rebuildSubscriptions();
        }
    }

    private void rebuildSubscriptions() {
        Map<String, List<String>> byDestination = new java.util.HashMap<>();
        destinationBySubscription.forEach((subscription, destination) ->
                byDestination.computeIfAbsent(destination, d -> new java.util.ArrayList<>(1)).add(subscription));
        byDestination.replaceAll((destination, ids) -> List.copyOf(ids));
        subscriptionsByDestination = Map.copyOf(byDestination);
    }

    public boolean isSubscribed(String destination) {
        return subscriptionsByDestination.containsKey(destination);
    }

    /**
     * Queues a MESSAGE with this JSON body for each subscription of the session to {@code destination}.
     *
     * @return false when the session has no such subscription or is closing
     */
    public boolean deliver(String destination, String json) {
        List<String> subscriptions = subscriptionsByDestination.get(destination);
        if (subscriptions == null || closing.get()) {
            return false;
        }
        for (String subscription : subscriptions) {
            send(StompEncoder.message(destination, subscription, id + '-' + MESSAGE_IDS.incrementAndGet(), json,
                    escapeHeaders));
        }
        return true;
    }

    /** Queues one frame (already encoded). */
    void send(String frame) {
        if (closing.get()) {
            return;
        }
        int queued = queuedChars.addAndGet(frame.length());
        queue.add(frame);
        if (queued > sendBufferChars || stalled(System.nanoTime())) {
            close(CloseStatus.SESSION_NOT_RELIABLE, CloseReason.SLOW);
            return;
        }
        scheduleDrain();
    }

    /** Queues a last frame (an ERROR, a RECEIPT of DISCONNECT); the connection closes once it was written. */
    void sendAndClose(String frame, CloseStatus status, CloseReason reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closer.closing(this, reason);
        queue.add(frame);
        queue.add(new CloseMarker(status));
        scheduleDrain();
    }

    /** Closes now, dropping what is still queued. */
    void close(CloseStatus status, CloseReason reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closer.closing(this, reason);
        if (reason == CloseReason.SLOW) {
            log.info("Closing slow WebSocket session {}: send buffer or send time limit exceeded", id);
        }
        queue.clear();
        queuedChars.set(0);
        writers.execute(() -> closeSession(status));
    }

    /** The socket is closed already: drop what is queued, send nothing more. */
    void closed() {
        closing.set(true);
        queue.clear();
        queuedChars.set(0);
    }

    boolean isClosing() {
        return closing.get();
    }

    void read(long nowNanos) {
        lastReadNanos = nowNanos;
    }

    /** The heart-beat check: a heart-beat when nothing was written for the interval, a close when the client went silent. */
    void tick(long nowNanos) {
        if (closing.get()) {
            return;
        }
        if (stalled(nowNanos)) {
            close(CloseStatus.SESSION_NOT_RELIABLE, CloseReason.SLOW);
            return;
        }
        if (readTimeoutNanos > 0 && nowNanos - lastReadNanos > readTimeoutNanos) {
            log.debug("Closing session {}: no heart-beat from the client", id);
            close(CloseStatus.SESSION_NOT_RELIABLE, CloseReason.NORMAL);
            return;
        }
        if (writeIntervalNanos > 0 && nowNanos - lastWriteNanos >= writeIntervalNanos && queue.isEmpty()) {
            send(StompEncoder.HEARTBEAT);
        }
    }

    private boolean stalled(long nowNanos) {
        long started = writeStartedNanos;
        return started != 0 && nowNanos - started > sendTimeLimitNanos;
    }

    private void scheduleDrain() {
        if (draining.compareAndSet(false, true)) {
            writers.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Object next;
            while ((next = queue.poll()) != null) {
                if (next instanceof CloseMarker marker) {
                    closeSession(marker.status());
                    return;
                }
                String frame = (String) next;
                queuedChars.addAndGet(-frame.length());
                if (!write(frame)) {
                    return;
                }
            }
            draining.set(false);
            if (queue.isEmpty() || !draining.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private boolean write(String frame) {
        if (!session.isOpen()) {
            queue.clear();
            return false;
        }
        writeStartedNanos = System.nanoTime();
        try {
            session.sendMessage(new TextMessage(frame));
            lastWriteNanos = System.nanoTime();
            return true;
        } catch (IOException | RuntimeException e) {
            boolean timedOut = System.nanoTime() - writeStartedNanos >= sendTimeLimitNanos / 2;
            log.debug("Write to session {} failed: {}", id, e.toString());
            close(CloseStatus.SESSION_NOT_RELIABLE, timedOut ? CloseReason.SLOW : CloseReason.NORMAL);
            return false;
        } finally {
            writeStartedNanos = 0;
        }
    }

    private void closeSession(CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            // closing already
        }
    }

    private record CloseMarker(CloseStatus status) {
    }
}
