package dev.realtime.chat.gateway.conversation;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.realtime.chat.gateway.system.CassandraClient;
import dev.realtime.chat.gateway.system.Futures;
import dev.realtime.chat.model.wire.ConversationType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Repository;

/**
 * Cassandra side of conversations: {@code conversations}, membership in both directions
 * ({@code conversation_members}, {@code user_conversations}), {@code direct_conversations},
 * {@code conversation_activity} and {@code read_marks}. Async throughout.
 */
@Repository
public class ConversationRepository {

    private final CassandraClient cassandra;
    private final PreparedStatement selectConversation;
    private final PreparedStatement insertConversation;
    private final PreparedStatement deleteConversation;
    private final PreparedStatement selectMembers;
    private final PreparedStatement selectMember;
    private final PreparedStatement insertMember;
    private final PreparedStatement insertUserConversation;
    private final PreparedStatement deleteMember;
    private final PreparedStatement deleteUserConversation;
    private final PreparedStatement selectUserConversations;
    private final PreparedStatement claimDirect;
    private final PreparedStatement selectActivity;
    private final PreparedStatement selectReadMark;

    public ConversationRepository(CassandraClient cassandra) {
        this.cassandra = cassandra;
        selectConversation = cassandra.prepare("SELECT conversation_id, type, name, created_by, created_at "
                + "FROM ${ks}.conversations WHERE conversation_id = ?");
        insertConversation = cassandra.prepare("INSERT INTO ${ks}.conversations "
                + "(conversation_id, type, name, created_by, created_at) VALUES (?, ?, ?, ?, ?)");
        deleteConversation = cassandra.prepare("DELETE FROM ${ks}.conversations WHERE conversation_id = ?");
        selectMembers = cassandra.prepare("SELECT user_id FROM ${ks}.conversation_members WHERE conversation_id = ?");
        selectMember = cassandra.prepare(
                "SELECT user_id FROM ${ks}.conversation_members WHERE conversation_id = ? AND user_id = ?");
        insertMember = cassandra.prepare("INSERT INTO ${ks}.conversation_members (conversation_id, user_id, joined_at) "
                + "VALUES (?, ?, ?)");
        insertUserConversation = cassandra.prepare("INSERT INTO ${ks}.user_conversations "
                + "(user_id, conversation_id, joined_at) VALUES (?, ?, ?)");
        deleteMember = cassandra.prepare(
                "DELETE FROM ${ks}.conversation_members WHERE conversation_id = ? AND user_id = ?");
        deleteUserConversation = cassandra.prepare(
                "DELETE FROM ${ks}.user_conversations WHERE user_id = ? AND conversation_id = ?");
        selectUserConversations = cassandra.prepare(
                "SELECT conversation_id FROM ${ks}.user_conversations WHERE user_id = ?");
        claimDirect = cassandra.prepare("INSERT INTO ${ks}.direct_conversations (user_low, user_high, conversation_id) "
                + "VALUES (?, ?, ?) IF NOT EXISTS");
        selectActivity = cassandra.prepare(
                "SELECT last_seq, last_message_at FROM ${ks}.conversation_activity WHERE conversation_id = ?");
        selectReadMark = cassandra.prepare(
                "SELECT seq FROM ${ks}.read_marks WHERE conversation_id = ? AND user_id = ?");
    }

    public CompletableFuture<ConversationRecord> find(String conversationId) {
        return cassandra.one(selectConversation.bind(conversationId)).thenApply(row -> row == null ? null
                : new ConversationRecord(row.getString("conversation_id"),
                        ConversationType.fromWire(row.getString("type")), row.getString("name"),
                        row.getString("created_by"), row.getInstant("created_at")));
    }

    public CompletableFuture<Void> insert(ConversationRecord conversation) {
        return cassandra.execute(insertConversation.bind(conversation.id(), conversation.type().wireName(),
                conversation.name(), conversation.createdBy(), conversation.createdAt())).thenApply(rs -> null);
    }

    public CompletableFuture<Void> delete(String conversationId) {
        return cassandra.execute(deleteConversation.bind(conversationId)).thenApply(rs -> null);
    }

    public CompletableFuture<Set<String>> members(String conversationId) {
        return members(conversationId, cassandra.timeout());
    }

    public CompletableFuture<Set<String>> members(String conversationId, Duration timeout) {
        return cassandra.execute(selectMembers.bind(conversationId).setPageSize(10_000), timeout)
                .thenCompose(first -> {
                    Set<String> members = new LinkedHashSet<>();
                    first.currentPage().forEach(row -> members.add(row.getString(0)));
                    if (!first.hasMorePages()) {
                        return CompletableFuture.completedFuture(members);
                    }
                    return cassandra.all(selectMembers.bind(conversationId)).thenApply(rows -> {
                        Set<String> all = new LinkedHashSet<>();
                        rows.forEach(row -> all.add(row.getString(0)));
                        return all;
                    });
                });
    }

    public CompletableFuture<Boolean> isMember(String conversationId, String userId) {
        return cassandra.one(selectMember.bind(conversationId, userId)).thenApply(row -> row != null);
    }

    /**
     * Adds members in both directions. Each member is one logged batch of its two rows, so a member is never in one
     * direction only; writes are idempotent (a retry rewrites the same rows).
     */
    public CompletableFuture<Void> addMembers(String conversationId, Collection<String> userIds, Instant joinedAt) {
        List<CompletableFuture<Object>> writes = new ArrayList<>();
        for (String userId : userIds) {
            BatchStatement batch = BatchStatement.newInstance(BatchType.LOGGED,
                    insertMember.bind(conversationId, userId, joinedAt),
                    insertUserConversation.bind(userId, conversationId, joinedAt));
            writes.add(cassandra.execute(batch).thenApply(rs -> null));
        }
        return Futures.all(writes).thenApply(ignored -> null);
    }

    /** Only the conversation -> members direction (a direct conversation before its pair is claimed). */
    public CompletableFuture<Void> addMembersOneWay(String conversationId, Collection<String> userIds,
            Instant joinedAt) {
        List<CompletableFuture<Object>> writes = new ArrayList<>();
        for (String userId : userIds) {
            writes.add(cassandra.execute(insertMember.bind(conversationId, userId, joinedAt)).thenApply(rs -> null));
        }
        return Futures.all(writes).thenApply(ignored -> null);
    }

    public CompletableFuture<Void> removeMember(String conversationId, String userId) {
        BatchStatement batch = BatchStatement.newInstance(BatchType.LOGGED,
                deleteMember.bind(conversationId, userId),
                deleteUserConversation.bind(userId, conversationId));
        return cassandra.execute(batch).thenApply(rs -> null);
    }

    /** Ids of the user's conversations (unordered). */
    public CompletableFuture<List<String>> conversationIdsOf(String userId) {
        return cassandra.all(selectUserConversations.bind(userId))
                .thenApply(rows -> rows.stream().map(row -> row.getString(0)).toList());
    }

    /**
     * Claims the direct conversation of a pair with a lightweight transaction.
     *
     * @return {@code candidateId} if this call claimed the pair, else the id that claimed it first
     */
    public CompletableFuture<String> claimDirect(String userLow, String userHigh, String candidateId) {
        return cassandra.one(claimDirect.bind(userLow, userHigh, candidateId)
                        .setSerialConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL))
                .thenApply(row -> row.getBoolean("[applied]") ? candidateId : row.getString("conversation_id"));
    }

    public CompletableFuture<Activity> activity(String conversationId) {
        return cassandra.one(selectActivity.bind(conversationId)).thenApply(row -> row == null ? Activity.NONE
                : new Activity(row.isNull("last_seq") ? 0 : row.getLong("last_seq"), row.getInstant("last_message_at")));
    }

    public CompletableFuture<Long> readMark(String conversationId, String userId) {
        return cassandra.one(selectReadMark.bind(conversationId, userId))
                .thenApply(row -> row == null || row.isNull(0) ? null : row.getLong(0));
    }

    /** A row of {@code conversation_activity}: the highest stored seq and the time of the newest message. */
    public record Activity(long lastSeq, Instant lastMessageAt) {
        static final Activity NONE = new Activity(0, null);
    }
}
