package dev.realtime.chat.model.envelope;

import dev.realtime.chat.model.wire.ChatMessage;
import java.util.List;

/**
 * One accepted chat message as the gateway publishes it. The gateway has already checked membership, so it
 * carries the members: the router needs no membership lookup on the hot path.
 */
public record MessageEnvelope(ChatMessage message, List<String> memberIds) {
}
