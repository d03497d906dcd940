package dev.realtime.chat.model.wire;

import java.util.List;

/** Conversation as protocol.md defines it; {@code lastMessage} is null for an empty conversation. */
public record ConversationView(String id, ConversationType type, String name, List<String> memberIds, long lastSeq,
        ChatMessage lastMessage, long unread) {
}
