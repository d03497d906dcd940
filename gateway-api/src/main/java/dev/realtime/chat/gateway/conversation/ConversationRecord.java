package dev.realtime.chat.gateway.conversation;

import dev.realtime.chat.model.wire.ConversationType;
import java.time.Instant;

/** A row of {@code conversations}. {@code name} is null for direct conversations. */
public record ConversationRecord(String id, ConversationType type, String name, String createdBy, Instant createdAt) {
}
