package dev.realtime.chat.gateway.auth;

import java.security.Principal;
import java.time.Instant;

/** The user a valid token names. As a {@link Principal}, its name is the user id (STOMP user destinations). */
public record AuthenticatedUser(String userId, String username, Instant expiresAt) implements Principal {

    @Override
    public String getName() {
        return userId;
    }
}
