package dev.realtime.chat.gateway.websocket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * Closes slow clients, one session at a time: a session whose send buffer overflowed or whose send took longer
 * than the send time limit ({@link CloseStatus#SESSION_NOT_RELIABLE}, closed by Spring), or whose blocked write
 * timed out, is counted as {@code chat.sessions.closed{reason=slow}} with one log line. Other sessions are not
 * affected: each has its own ordered queue and buffer.
 *
 * <p>It also bounds Tomcat's blocking send to the send time limit, so that the thread writing to a client that
 * stopped reading is released (and the session closed) instead of hanging for Tomcat's default 20 s.
 */
class SlowClientGuard implements WebSocketHandlerDecoratorFactory {

    static final String TOMCAT_BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    private static final Logger log = LoggerFactory.getLogger(SlowClientGuard.class);

    private final Counter slowClosed;
    private final Counter otherClosed;
    private final long sendTimeLimitMillis;

    SlowClientGuard(MeterRegistry registry, Duration sendTimeLimit) {
        this.slowClosed = Counter.builder("chat.sessions.closed").tag("reason", "slow")
                .description("WebSocket sessions the gateway closed").register(registry);
        this.otherClosed = Counter.builder("chat.sessions.closed").tag("reason", "limit")
                .description("WebSocket sessions the gateway closed").register(registry);
        this.sendTimeLimitMillis = sendTimeLimit.toMillis();
    }

    @Override
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                if (session instanceof StandardWebSocketSession standard) {
                    try {
                        standard.getNativeSession().getUserProperties()
                                .put(TOMCAT_BLOCKING_SEND_TIMEOUT, sendTimeLimitMillis);
                    } catch (IllegalStateException notOpen) {
                        // closed already
                    }
                }
                super.afterConnectionEstablished(new Watched(session));
            }
        };
    }

    /** The session Spring's sub-protocol handler sees: notices when it is closed for being slow. */
    private final class Watched extends WebSocketSessionDecorator {

        private final AtomicBoolean counted = new AtomicBoolean();

        Watched(WebSocketSession delegate) {
            super(delegate);
        }

        /**
         * Messages to one session are sent one at a time (ordered publishing), so a client that stopped reading
         * shows up as a write blocked until Tomcat's send timeout (= the send time limit): that write fails, and
         * the session is closed as slow.
         */
        @Override
        public void sendMessage(WebSocketMessage<?> message) throws IOException {
            long start = System.nanoTime();
            try {
                super.sendMessage(message);
            } catch (IOException e) {
                if (System.nanoTime() - start >= sendTimeLimitMillis * 500_000L) {
                    close(CloseStatus.SESSION_NOT_RELIABLE);
                }
                throw e;
            }
        }

        @Override
        public void close(CloseStatus status) throws IOException {
            if (CloseStatus.SESSION_NOT_RELIABLE.equalsCode(status) && counted.compareAndSet(false, true)) {
                slowClosed.increment();
                log.info("Closing slow WebSocket session {}: send buffer or send time limit exceeded", getId());
            } else if (CloseStatus.TOO_BIG_TO_PROCESS.equalsCode(status) && counted.compareAndSet(false, true)) {
                otherClosed.increment();
            }
            try {
                super.close(status);
            } catch (IOException | IllegalStateException e) {
                // already closing
            }
        }
    }
}
