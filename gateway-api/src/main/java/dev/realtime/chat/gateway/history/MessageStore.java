package dev.realtime.chat.gateway.history;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.realtime.chat.gateway.system.CassandraClient;
import dev.realtime.chat.model.wire.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Repository;

/**
 * Persisted history in Cassandra {@code messages}: partition (conversation_id, bucket = seq / 10000), clustered by
 * seq descending. Ranges walk the buckets one after the other, stopping as soon as the limit is reached.
 */
@Repository
public class MessageStore {

    public static final long BUCKET_SIZE = 10_000;
    /** A walk gives up after this many empty buckets in a row (an absurd seq with nothing known about the top). */
    static final int MAX_EMPTY_BUCKETS = 64;

    private static final String COLUMNS = "seq, message_id, sender_id, content, sent_at, client_message_id";

    private final CassandraClient cassandra;
    private final PreparedStatement descending;
    private final PreparedStatement ascending;

    public MessageStore(CassandraClient cassandra) {
        this.cassandra = cassandra;
        descending = cassandra.prepare("SELECT " + COLUMNS + " FROM ${ks}.messages WHERE conversation_id = ? "
                + "AND bucket = ? AND seq > ? AND seq < ? ORDER BY seq DESC LIMIT ?");
        ascending = cassandra.prepare("SELECT " + COLUMNS + " FROM ${ks}.messages WHERE conversation_id = ? "
                + "AND bucket = ? AND seq > ? AND seq < ? ORDER BY seq ASC LIMIT ?");
    }

    public static long bucketOf(long seq) {
        return seq / BUCKET_SIZE;
    }

    /**
     * Messages in the range, in its direction.
     *
     * @param knownTop the highest seq known to exist (Redis counter, conversation_activity), 0 if unknown; bounds
     *                 the walk when the range is open-ended
     */
    public CompletableFuture<List<ChatMessage>> range(String conversationId, SeqRange range, long knownTop) {
        List<ChatMessage> out = new ArrayList<>();
        if (range.toExclusive() - range.fromExclusive() <= 1) {
            return CompletableFuture.completedFuture(out);
        }
        if (range.direction() == HistoryQuery.Direction.BEFORE) {
            long top = range.toExclusive() - 1;
            if (knownTop > 0) {
                top = Math.min(top, knownTop);
            } else if (range.toExclusive() == HistoryQuery.NEWEST) {
                return CompletableFuture.completedFuture(out);
            }
            return walkDown(conversationId, range, bucketOf(top), 0, out);
        }
        long lastBucket = bucketOf(Math.min(range.toExclusive() - 1, Math.max(knownTop, range.fromExclusive() + 1)));
        return walkUp(conversationId, range, bucketOf(range.fromExclusive() + 1), lastBucket, out);
    }

    private CompletableFuture<List<ChatMessage>> walkDown(String conversationId, SeqRange range, long bucket,
            int emptyInARow, List<ChatMessage> out) {
        int remaining = range.limit() - out.size();
        return cassandra.all(descending.bind(conversationId, bucket, range.fromExclusive(), range.toExclusive(),
                remaining)).thenCompose(rows -> {
                    rows.forEach(row -> out.add(toMessage(conversationId, row)));
                    long next = bucket - 1;
                    int empty = rows.isEmpty() ? emptyInARow + 1 : 0;
                    if (out.size() >= range.limit() || next < 0 || next < bucketOf(range.fromExclusive() + 1)
                            || empty >= MAX_EMPTY_BUCKETS) {
                        return CompletableFuture.completedFuture(out);
                    }
                    return walkDown(conversationId, range, next, empty, out);
                });
    }

    private CompletableFuture<List<ChatMessage>> walkUp(String conversationId, SeqRange range, long bucket,
            long lastBucket, List<ChatMessage> out) {
        int remaining = range.limit() - out.size();
        return cassandra.all(ascending.bind(conversationId, bucket, range.fromExclusive(), range.toExclusive(),
                remaining)).thenCompose(rows -> {
                    rows.forEach(row -> out.add(toMessage(conversationId, row)));
                    long next = bucket + 1;
                    boolean bucketReadToItsEnd = !rows.isEmpty()
                            && rows.get(rows.size() - 1).getLong("seq") == next * BUCKET_SIZE - 1;
                    boolean beyondRange = range.toExclusive() != HistoryQuery.NEWEST
                            && next > bucketOf(range.toExclusive() - 1);
                    if (out.size() >= range.limit() || beyondRange || (next > lastBucket && !bucketReadToItsEnd)) {
                        return CompletableFuture.completedFuture(out);
                    }
                    return walkUp(conversationId, range, next, lastBucket, out);
                });
    }

    static ChatMessage toMessage(String conversationId, Row row) {
        return new ChatMessage(row.getString("message_id"), conversationId, row.getLong("seq"),
                row.getString("sender_id"), row.getString("content"), row.getInstant("sent_at"),
                row.getString("client_message_id"));
    }
}
