package dev.realtime.chat.gateway.session;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import dev.realtime.chat.gateway.presence.PresenceUpdatePublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * Keeps {@link LocalSessions}, the Redis session registry and presence in step with STOMP sessions: a user's
 * first session here registers the user and publishes {@code CONNECTED}; the last one to close deregisters and
 * publishes {@code DISCONNECTED}.
 */
class SessionEventsListener {

    private static final Logger log = LoggerFactory.getLogger(SessionEventsListener.class);

    private final LocalSessions sessions;
    private final RedisSessionRegistry registry;
    private final PresenceUpdatePublisher presence;

    SessionEventsListener(LocalSessions sessions, RedisSessionRegistry registry, PresenceUpdatePublisher presence) {
        this.sessions = sessions;
        this.registry = registry;
        this.presence = presence;
    }

    @EventListener
    void connected(SessionConnectedEvent event) {
        if (!(event.getUser() instanceof AuthenticatedUser user)) {
            return;
        }
        String sessionId = SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders());
        if (sessionId == null) {
            return;
        }
        if (sessions.add(user, sessionId)) {
            registry.userConnected(user.userId());
            presence.connected(user.userId());
        }
        log.debug("Session {} of user {} connected", sessionId, user.userId());
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        String lastOfUser = sessions.remove(event.getSessionId());
        if (lastOfUser != null) {
            registry.userDisconnected(lastOfUser);
            presence.disconnected(lastOfUser);
        }
    }
}
