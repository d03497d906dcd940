package dev.realtime.chat.model.wire;

import java.time.Instant;

public record LoginResponse(String token, String userId, Instant expiresAt) {

    @Override
    public String toString() {
        return "LoginResponse[userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
