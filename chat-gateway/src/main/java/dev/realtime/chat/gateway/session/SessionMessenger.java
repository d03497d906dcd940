package dev.realtime.chat.gateway.session;

import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.wire.ClientError;
import dev.realtime.chat.model.wire.ErrorCode;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

/**
 * Everything the gateway sends to clients goes through here, as JSON bytes (never re-encoded by a converter).
 *
 * <p>Always straight to a session's broker destination ({@code /queue/acks-user<sessionId>}, the destination
 * Spring's user destination handler gives the session's {@code /user/queue/acks} subscription), with the session
 * list of {@link LocalSessions}. Going through {@code /user/<id>/queue/acks} instead would cost a registry lookup
 * per send and, with a session header, fall back to every session of the user once that session is gone: an ack
 * must reach the sending session only.
 */
@Component
public class SessionMessenger {

    public static final String MESSAGES = "/queue/messages";
    public static final String ACKS = "/queue/acks";
    public static final String EVENTS = "/queue/events";
    public static final String ERRORS = "/queue/errors";
    static final String USER_PREFIX = "/user";

    private final SimpMessageSendingOperations broker;
    private final LocalSessions sessions;

    public SessionMessenger(SimpMessageSendingOperations broker, LocalSessions sessions) {
        this.broker = broker;
        this.sessions = sessions;
    }

    /** {@code payload} as JSON to {@code /user/queue/<queue>} of one session; nothing if the session is gone. */
    public void toSession(String sessionId, String queue, Object payload) {
        toSessionRaw(sessionId, queue, JsonCodec.toBytes(payload));
    }

    public void toSessionRaw(String sessionId, String queue, byte[] json) {
        if (!sessions.isOpen(sessionId)) {
            return;
        }
        SimpMessageHeaderAccessor headers = jsonHeaders();
        headers.setHeader(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION, USER_PREFIX + queue);
        headers.setSessionId(sessionId);
        broker.send(queue + "-user" + sessionId, MessageBuilder.createMessage(json, headers.getMessageHeaders()));
    }

    /**
     * Pre-serialised JSON to every local session of a user, on {@code /user/queue/<queue>}: one broker send per
     * session, straight to its destination (the same bytes, never re-encoded).
     *
     * @return the number of sessions it was sent to
     */
    public int toUserRaw(String userId, String queue, byte[] json) {
        int sent = 0;
        for (String sessionId : sessions.sessionsOf(userId)) {
            toSessionRaw(sessionId, queue, json);
            sent++;
        }
        return sent;
    }

    /** An error on {@code /user/queue/errors} of the session whose frame caused it. */
    public void error(String sessionId, ErrorCode code, String safeMessage, String clientMessageId) {
        toSession(sessionId, ERRORS, new ClientError(code, safeMessage, clientMessageId));
    }

    private static SimpMessageHeaderAccessor jsonHeaders() {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        // Immutable on purpose: the template copies the headers, and the ordered (preservePublishOrder) channels
        // downstream need a mutable copy of their own.
        return headers;
    }
}
