package dev.realtime.chat.gateway.user;

import java.time.Instant;

/** A row of {@code users}. */
public record UserRecord(String userId, String username, String passwordHash, Instant createdAt) {

    @Override
    public String toString() {
        return "UserRecord[userId=" + userId + ", username=" + username + "]";
    }
}
