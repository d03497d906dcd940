package dev.realtime.chat.model.wire;

import java.util.List;

/** Body of {@code POST /api/conversations}. */
public record CreateConversation(ConversationType type, String name, List<String> memberIds) {
}
