package dev.realtime.chat.model.wire;

/** Body of a STOMP SEND to {@code /app/presence.status}. */
public record PresenceCommand(PresenceStatus status) {
}
