package dev.realtime.chat.presence.contacts;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.realtime.chat.support.cassandra.ChatKeyspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Contacts from Cassandra ({@code user_conversations}, then {@code conversation_members} of each), read with the
 * async driver and cached in process: after {@code ttl} a read serves the cached value and refreshes it in the
 * background; a refresh that fails keeps the old value (until {@code 10 × ttl}), so a Cassandra outage does not
 * stop presence events for users already known.
 */
public final class CassandraContactDirectory implements ContactDirectory {

    private final CqlSession session;
    private final ChatKeyspace keyspace;
    private final AsyncLoadingCache<String, Set<String>> cache;
    private volatile CompletableFuture<PreparedStatement> conversationsOfUser;
    private volatile CompletableFuture<PreparedStatement> membersOfConversation;

    public CassandraContactDirectory(CqlSession session, ChatKeyspace keyspace, Duration ttl, long maxUsers,
            Executor executor) {
        this.session = session;
        this.keyspace = keyspace;
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxUsers)
                .refreshAfterWrite(ttl)
                .expireAfterWrite(ttl.multipliedBy(10))
                .executor(executor)
                .buildAsync((userId, ignored) -> load(userId));
    }

    @Override
    public CompletableFuture<Set<String>> contactsOf(String userId) {
        return cache.get(userId);
    }

    /** Forgets a user's cached contacts (e.g. after a membership change known to this process). */
    public void invalidate(String userId) {
        cache.synchronous().invalidate(userId);
    }

    CompletableFuture<Set<String>> load(String userId) {
        return conversationsOfUser().thenCompose(statement -> session.executeAsync(statement.bind(userId)))
                .thenCompose(rs -> collect(rs, "conversation_id", new ArrayList<>()))
                .thenCompose(conversationIds -> {
                    List<CompletableFuture<List<String>>> members = new ArrayList<>(conversationIds.size());
                    for (String conversationId : conversationIds) {
                        members.add(membersOfConversation()
                                .thenCompose(statement -> session.executeAsync(statement.bind(conversationId)))
                                .thenCompose(rs -> collect(rs, "user_id", new ArrayList<>())));
                    }
                    return CompletableFuture.allOf(members.toArray(CompletableFuture[]::new)).thenApply(done -> {
                        Set<String> contacts = new HashSet<>();
                        for (CompletableFuture<List<String>> conversation : members) {
                            contacts.addAll(conversation.join());
                        }
                        contacts.remove(userId);
                        return Set.copyOf(contacts);
                    });
                });
    }

    private static CompletableFuture<List<String>> collect(AsyncResultSet page, String column, List<String> into) {
        for (Row row : page.currentPage()) {
            String value = row.getString(column);
            if (value != null) {
                into.add(value);
            }
        }
        if (page.hasMorePages()) {
            return page.fetchNextPage().toCompletableFuture().thenCompose(next -> collect(next, column, into));
        }
        return CompletableFuture.completedFuture(into);
    }

    private CompletableFuture<PreparedStatement> conversationsOfUser() {
        CompletableFuture<PreparedStatement> current = conversationsOfUser;
        if (current == null || current.isCompletedExceptionally()) {
            current = prepare("SELECT conversation_id FROM " + keyspace.table("user_conversations")
                    + " WHERE user_id = ?");
            conversationsOfUser = current;
        }
        return current;
    }

    private CompletableFuture<PreparedStatement> membersOfConversation() {
        CompletableFuture<PreparedStatement> current = membersOfConversation;
        if (current == null || current.isCompletedExceptionally()) {
            current = prepare("SELECT user_id FROM " + keyspace.table("conversation_members")
                    + " WHERE conversation_id = ?");
            membersOfConversation = current;
        }
        return current;
    }

    private CompletableFuture<PreparedStatement> prepare(String cql) {
        CompletionStage<PreparedStatement> prepared = session.prepareAsync(cql);
        return prepared.toCompletableFuture();
    }
}
