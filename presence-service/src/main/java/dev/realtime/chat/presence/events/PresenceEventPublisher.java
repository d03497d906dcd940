package dev.realtime.chat.presence.events;

import dev.realtime.chat.presence.state.PresenceState;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

/** Sends a user's new presence to their contacts. */
public interface PresenceEventPublisher {

    /** Completes once the broker has the event; fails on a nack, a timeout or no connection. */
    CompletableFuture<Void> publish(String userId, PresenceState state, Collection<String> contacts);
}
