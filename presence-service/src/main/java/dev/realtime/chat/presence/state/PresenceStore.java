package dev.realtime.chat.presence.state;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The presence service's Redis reads and writes. Every call is asynchronous; failures fail the future. */
public interface PresenceStore {

    /** A user's stored presence and the gateways holding a live session of theirs (expiry after {@code now}). */
    record Snapshot(PresenceState state, List<String> liveGateways) {
    }

    CompletableFuture<Snapshot> load(String userId, long nowMillis);

    CompletableFuture<Void> save(String userId, PresenceState state);

    /** Adds the user to (or removes them from) the users the presence service tracks for that gateway. */
    CompletableFuture<Void> trackSession(String gatewayId, String userId, boolean connected);

    /** Removes the user's session entry for a dead gateway, and the user from that gateway's tracked users. */
    CompletableFuture<Void> forgetSession(String gatewayId, String userId);

    /** Removes the user's session entries that expired before {@code nowMillis}. */
    CompletableFuture<Void> expireSessions(String userId, long nowMillis);

    /** Every registered gateway id. */
    CompletableFuture<Set<String>> gateways();

    /** Which of {@code gatewayIds} have their alive key. */
    CompletableFuture<Set<String>> aliveGateways(Collection<String> gatewayIds);

    /** The users tracked for a gateway. */
    CompletableFuture<Set<String>> trackedUsers(String gatewayId);

    /** The expiry (epoch millis) of each user's session entry for the gateway; absent when there is none. */
    CompletableFuture<Map<String, Long>> sessionExpiries(String gatewayId, Collection<String> userIds);
}
