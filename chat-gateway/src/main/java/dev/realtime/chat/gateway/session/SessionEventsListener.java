package dev.realtime.chat.gateway.session;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import dev.realtime.chat.gateway.presence.PresenceUpdatePublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.realtime.chat.gateway.websocket.StompSessionListener;

/**
 * Keeps {@link LocalSessions}, the Redis session registry and presence in step with STOMP sessions: a user's
 * first session here registers the user and publishes {@code CONNECTED}; the last one to close deregisters and
 * publishes {@code DISCONNECTED}.
 */
class SessionEventsListener implements StompSessionListener {

    private static final Logger log = LoggerFactory.getLogger(SessionEventsListener.class);

    private final LocalSessions sessions;
    private final RedisSessionRegistry registry;
    private final PresenceUpdatePublisher presence;

    SessionEventsListener(LocalSessions sessions, RedisSessionRegistry registry, PresenceUpdatePublisher presence) {
        this.sessions = sessions;
        this.registry = registry;
        this.presence = presence;
    }

    @Override
    public void connected(AuthenticatedUser user, String sessionId) {
        if (sessions.add(user, sessionId)) {
            registry.userConnected(user.userId());
            presence.connected(user.userId());
        }
        log.debug("Session {} of user {} connected", sessionId, user.userId());
    }

    @Override
    public void closed(AuthenticatedUser user, String sessionId) {
        String lastOfUser = sessions.remove(sessionId);
        if (lastOfUser != null) {
            registry.userDisconnected(lastOfUser);
            presence.disconnected(lastOfUser);
        }
    }
}
