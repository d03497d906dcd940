package dev.realtime.chat.router.routing;

import dev.realtime.chat.router.batch.HistoryEntry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The Redis side of routing one batch, in one round trip. */
public interface SessionStore {

    /**
     * Appends {@code history} to the recent-history ZSETs (trimmed) and reads the live gateways of {@code users}
     * (entries whose expiry is after {@code nowMillis}), in one pipeline. Never blocks: failures and timeouts
     * complete the future exceptionally. Called from one thread per store.
     *
     * @return user id to live gateway ids; users without a live gateway may be absent
     */
    CompletableFuture<Map<String, List<String>>> appendAndLookup(List<HistoryEntry> history, Collection<String> users,
            long nowMillis);
}
