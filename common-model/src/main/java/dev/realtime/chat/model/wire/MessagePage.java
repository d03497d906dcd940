package dev.realtime.chat.model.wire;

import java.util.List;

/** Answer of {@code GET /api/conversations/{id}/messages}. */
public record MessagePage(List<ChatMessage> messages, boolean hasMore) {
}
