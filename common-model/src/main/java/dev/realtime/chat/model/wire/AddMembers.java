package dev.realtime.chat.model.wire;

import java.util.List;

/** Body of {@code POST /api/conversations/{id}/members}. */
public record AddMembers(List<String> userIds) {
}
