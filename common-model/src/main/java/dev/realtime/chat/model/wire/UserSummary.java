package dev.realtime.chat.model.wire;

/** {@code {"userId","username"}}: the register answer and the entries of {@code GET /api/users}. */
public record UserSummary(String userId, String username) {
}
