package dev.realtime.chat.gateway.message;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.realtime.chat.support.cassandra.ChatKeyspace;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Recovers a lost Redis seq counter from Cassandra: {@code conversation_activity.last_seq}, then the newest row of
 * {@code messages} in that seq's bucket and the following buckets (the activity row may lag the messages).
 * Asynchronous driver calls only; used once per conversation after Redis lost its counter.
 */
class CassandraSeqRecovery implements SeqRecovery {

    static final long BUCKET_SIZE = 10_000;

    private final CqlSession session;
    private final ChatKeyspace keyspace;
    private volatile CompletableFuture<PreparedStatement> activity;
    private volatile CompletableFuture<PreparedStatement> newestInBucket;

    CassandraSeqRecovery(CqlSession session, ChatKeyspace keyspace) {
        this.session = session;
        this.keyspace = keyspace;
    }

    @Override
    public CompletionStage<Long> highestSeq(String conversationId) {
        return activity().thenCompose(statement -> session.executeAsync(statement.bind(conversationId)))
                .thenCompose(result -> {
                    Row row = result.one();
                    long lastSeq = row == null || row.isNull("last_seq") ? 0 : row.getLong("last_seq");
                    return scan(conversationId, lastSeq / BUCKET_SIZE, lastSeq);
                });
    }

    private CompletionStage<Long> scan(String conversationId, long bucket, long highest) {
        return newestInBucket().thenCompose(statement -> session.executeAsync(statement.bind(conversationId, bucket)))
                .thenCompose((AsyncResultSet result) -> {
                    Row row = result.one();
                    if (row == null) {
                        return CompletableFuture.completedFuture(highest);
                    }
                    return scan(conversationId, bucket + 1, Math.max(highest, row.getLong("seq")));
                });
    }

    private CompletableFuture<PreparedStatement> activity() {
        CompletableFuture<PreparedStatement> local = activity;
        if (local == null || local.isCompletedExceptionally()) {
            local = session.prepareAsync("SELECT last_seq FROM " + keyspace.table("conversation_activity")
                    + " WHERE conversation_id = ?").toCompletableFuture();
            activity = local;
        }
        return local;
    }

    private CompletableFuture<PreparedStatement> newestInBucket() {
        CompletableFuture<PreparedStatement> local = newestInBucket;
        if (local == null || local.isCompletedExceptionally()) {
            local = session.prepareAsync("SELECT seq FROM " + keyspace.table("messages")
                    + " WHERE conversation_id = ? AND bucket = ? LIMIT 1").toCompletableFuture();
            newestInBucket = local;
        }
        return local;
    }
}
