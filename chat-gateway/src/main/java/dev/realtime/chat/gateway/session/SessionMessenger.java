package dev.realtime.chat.gateway.session;

import dev.realtime.chat.gateway.websocket.ClientOutbound;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.wire.ClientError;
import dev.realtime.chat.model.wire.ErrorCode;
import org.springframework.stereotype.Component;

/**
 * Everything the gateway sends to clients goes through here, as JSON text (never re-encoded by a converter): one
 * MESSAGE frame per subscription of the session to {@code /user/queue/<queue>}, queued straight on the session's
 * connection. A session that is gone, or not subscribed there, gets nothing. An ack or error reaches the session
 * it names only, never the user's other sessions.
 */
@Component
public class SessionMessenger {

    public static final String MESSAGES = "/queue/messages";
    public static final String ACKS = "/queue/acks";
    public static final String EVENTS = "/queue/events";
    public static final String ERRORS = "/queue/errors";
    static final String USER_PREFIX = "/user";

    private final ClientOutbound connections;
    private final LocalSessions sessions;

    public SessionMessenger(ClientOutbound connections, LocalSessions sessions) {
        this.connections = connections;
        this.sessions = sessions;
    }

    /** {@code payload} as JSON to {@code /user/queue/<queue>} of one session; nothing if the session is gone. */
    public void toSession(String sessionId, String queue, Object payload) {
        toSessionJson(sessionId, queue, JsonCodec.toJson(payload));
    }

    /** @return whether the session is here and subscribed to the queue */
    public boolean toSessionJson(String sessionId, String queue, String json) {
        return connections.deliver(sessionId, USER_PREFIX + queue, json);
    }

    /**
     * The same JSON text to every local session of a user on {@code /user/queue/<queue>}.
     *
     * @return the number of sessions it was queued for
     */
    public int toUserJson(String userId, String queue, String json) {
        int sent = 0;
        String destination = USER_PREFIX + queue;
        for (String sessionId : sessions.sessionsOf(userId)) {
            if (connections.deliver(sessionId, destination, json)) {
                sent++;
            }
        }
        return sent;
    }

    /** An error on {@code /user/queue/errors} of the session whose frame caused it. */
    public void error(String sessionId, ErrorCode code, String safeMessage, String clientMessageId) {
        toSession(sessionId, ERRORS, new ClientError(code, safeMessage, clientMessageId));
    }
}
