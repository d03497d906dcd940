package dev.realtime.chat.gateway.session;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The STOMP sessions connected to this gateway right now, by user. {@link #add} and {@link #remove} tell whether
 * the user's first session opened or last session closed here (presence, the Redis session registry).
 */
@Component
public class LocalSessions {

    private final Map<String, String> userBySession = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> sessionsByUser = new ConcurrentHashMap<>();

    public LocalSessions(MeterRegistry registry) {
        Gauge.builder("chat.sessions.active", userBySession, Map::size)
                .description("STOMP sessions connected to this gateway").register(registry);
    }

    /** @return true when this is the user's first session on this gateway */
    public boolean add(AuthenticatedUser user, String sessionId) {
        if (userBySession.putIfAbsent(sessionId, user.userId()) != null) {
            return false;
        }
        boolean[] first = new boolean[1];
        sessionsByUser.compute(user.userId(), (id, set) -> {
            Set<String> sessions = set != null ? set : ConcurrentHashMap.newKeySet();
            first[0] = sessions.isEmpty();
            sessions.add(sessionId);
            return sessions;
        });
        return first[0];
    }

    /** @return the user id when this was the user's last session on this gateway, else null */
    public String remove(String sessionId) {
        String userId = userBySession.remove(sessionId);
        if (userId == null) {
            return null;
        }
        boolean[] last = new boolean[1];
        sessionsByUser.computeIfPresent(userId, (id, sessions) -> {
            sessions.remove(sessionId);
            last[0] = sessions.isEmpty();
            return sessions.isEmpty() ? null : sessions;
        });
        return last[0] ? userId : null;
    }

    public boolean isOpen(String sessionId) {
        return userBySession.containsKey(sessionId);
    }

    public boolean hasUser(String userId) {
        return sessionsByUser.containsKey(userId);
    }

    /** The user's sessions here (a live view; empty when none). */
    public Set<String> sessionsOf(String userId) {
        Set<String> sessions = sessionsByUser.get(userId);
        return sessions != null ? sessions : Set.of();
    }

    public Set<String> users() {
        return Set.copyOf(sessionsByUser.keySet());
    }

    public int sessionCount() {
        return userBySession.size();
    }
}
