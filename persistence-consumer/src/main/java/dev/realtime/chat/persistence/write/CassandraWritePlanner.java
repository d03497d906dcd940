package dev.realtime.chat.persistence.write;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.support.cassandra.ChatKeyspace;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rows of one message, all keyed by the message itself, so that a redelivery rewrites the same cells:
 * <ul>
 * <li>{@code messages}: partition (conversation_id, bucket = seq / 10000), clustering seq;</li>
 * <li>{@code messages_by_id} and {@code messages_by_client_id}: one row each (their own partitions), unless
 * {@code lookupTables} is off;</li>
 * <li>{@code conversation_activity}: once per conversation and batch, the highest seq, written
 * {@code USING TIMESTAMP <seq>}. Cassandra keeps the cell with the highest write timestamp, so the stored
 * {@code last_seq} is the maximum of everything ever written, whatever order batches and redeliveries arrive in —
 * an older redelivery writes an older timestamp and loses. No read, no lightweight transaction. Everyone who writes
 * {@code last_seq}/{@code last_message_at} must use the same convention (today only this service does).</li>
 * </ul>
 * Statements go out in unlogged batches, bounded in statements and bytes (below Cassandra's batch warning
 * thresholds), grouped by {@link BatchingMode}.
 */
public final class CassandraWritePlanner implements WritePlanner {

    public static final long BUCKET_SIZE = 10_000;

    private static final int ROW_OVERHEAD_BYTES = 96;

    private final PreparedStatement insertMessage;
    private final PreparedStatement insertById;
    private final PreparedStatement insertByClientId;
    private final PreparedStatement updateActivity;
    private final CqlSession session;
    private final CqlIdentifier keyspaceId;
    private final BatchingMode mode;
    private final int maxStatementsPerBatch;
    private final long maxBatchBytes;
    private final boolean lookupTables;

    /** How statements are grouped into unlogged batches. */
    public enum BatchingMode {
        /** Only rows of one {@code messages} partition share a batch; everything else is a request of its own. */
        PARTITION,
        /**
         * Statements whose partitions live on the same replicas share a batch (bounded by statements and bytes):
         * one request and one coordinator-local write for many rows, far fewer requests for Cassandra to handle.
         * With one node, that is every statement.
         */
        REPLICA
    }

    public CassandraWritePlanner(CqlSession session, ChatKeyspace keyspace, BatchingMode mode,
            int maxStatementsPerBatch, long maxBatchBytes) {
        this(session, keyspace, mode, maxStatementsPerBatch, maxBatchBytes, true);
    }

    /** @param lookupTables whether to write {@code messages_by_id} and {@code messages_by_client_id} too */
    public CassandraWritePlanner(CqlSession session, ChatKeyspace keyspace, BatchingMode mode,
            int maxStatementsPerBatch, long maxBatchBytes, boolean lookupTables) {
        this.session = session;
        this.lookupTables = lookupTables;
        this.keyspaceId = CqlIdentifier.fromInternal(keyspace.name());
        this.mode = mode;
        this.insertMessage = prepare(session, "INSERT INTO " + keyspace.table("messages")
                + " (conversation_id, bucket, seq, message_id, sender_id, content, sent_at, client_message_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        this.insertById = prepare(session, "INSERT INTO " + keyspace.table("messages_by_id")
                + " (message_id, conversation_id, seq) VALUES (?, ?, ?)");
        this.insertByClientId = prepare(session, "INSERT INTO " + keyspace.table("messages_by_client_id")
                + " (sender_id, client_message_id, message_id, conversation_id, seq) VALUES (?, ?, ?, ?, ?)");
        this.updateActivity = prepare(session, "INSERT INTO " + keyspace.table("conversation_activity")
                + " (conversation_id, last_seq, last_message_at) VALUES (?, ?, ?) USING TIMESTAMP ?");
        this.maxStatementsPerBatch = maxStatementsPerBatch;
        this.maxBatchBytes = maxBatchBytes;
    }

    private static PreparedStatement prepare(CqlSession session, String cql) {
        return session.prepare(SimpleStatement.builder(cql).setIdempotence(true).build());
    }

    public static long bucketOf(long seq) {
        return seq / BUCKET_SIZE;
    }

    @Override
    public List<WriteUnit> plan(List<ChatMessage> messages) {
        return mode == BatchingMode.REPLICA ? planByReplica(messages) : planByPartition(messages);
    }

    private List<WriteUnit> planByReplica(List<ChatMessage> messages) {
        Optional<TokenMap> tokens = session.getMetadata().getTokenMap();
        Map<Object, List<Entry>> groups = new LinkedHashMap<>();
        Map<String, List<ChatMessage>> conversations = new LinkedHashMap<>();
        for (ChatMessage message : messages) {
            conversations.computeIfAbsent(message.conversationId(), c -> new ArrayList<>()).add(message);
            List<ChatMessage> one = List.of(message);
            add(groups, tokens, new Entry(bindMessage(message), one, approximateBytes(message)));
            if (lookupTables) {
                add(groups, tokens, new Entry(bindById(message), one, ROW_OVERHEAD_BYTES));
                add(groups, tokens, new Entry(bindByClientId(message), one, ROW_OVERHEAD_BYTES));
            }
        }
        for (List<ChatMessage> conversation : conversations.values()) {
            add(groups, tokens, new Entry(bindActivity(conversation), conversation, ROW_OVERHEAD_BYTES));
        }
        List<WriteUnit> units = new ArrayList<>();
        for (List<Entry> group : groups.values()) {
            List<Entry> chunk = new ArrayList<>();
            long chunkBytes = 0;
            for (Entry entry : group) {
                if (!chunk.isEmpty()
                        && (chunk.size() >= maxStatementsPerBatch || chunkBytes + entry.bytes() > maxBatchBytes)) {
                    units.add(unitOf(chunk));
                    chunk = new ArrayList<>();
                    chunkBytes = 0;
                }
                chunk.add(entry);
                chunkBytes += entry.bytes();
            }
            if (!chunk.isEmpty()) {
                units.add(unitOf(chunk));
            }
        }
        return units;
    }

    private void add(Map<Object, List<Entry>> groups, Optional<TokenMap> tokens, Entry entry) {
        Object replicas = "unknown";
        ByteBuffer routingKey = entry.statement().getRoutingKey();
        if (tokens.isPresent() && routingKey != null) {
            Set<Node> nodes = tokens.get().getReplicas(keyspaceId, routingKey);
            if (!nodes.isEmpty()) {
                replicas = nodes;
            }
        }
        groups.computeIfAbsent(replicas, r -> new ArrayList<>()).add(entry);
    }

    private static WriteUnit unitOf(List<Entry> chunk) {
        if (chunk.size() == 1) {
            return new WriteUnit(chunk.get(0).statement(), chunk.get(0).messages());
        }
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.UNLOGGED).setIdempotence(true);
        Set<ChatMessage> covered = Collections.newSetFromMap(new IdentityHashMap<>());
        List<ChatMessage> messages = new ArrayList<>();
        for (Entry entry : chunk) {
            batch.addStatement(entry.statement());
            for (ChatMessage message : entry.messages()) {
                if (covered.add(message)) {
                    messages.add(message);
                }
            }
        }
        return new WriteUnit(batch.build(), messages);
    }

    private List<WriteUnit> planByPartition(List<ChatMessage> messages) {
        List<WriteUnit> units = new ArrayList<>(messages.size() * 2 + 8);
        Map<Partition, List<ChatMessage>> partitions = new LinkedHashMap<>();
        Map<String, List<ChatMessage>> conversations = new LinkedHashMap<>();
        for (ChatMessage message : messages) {
            partitions.computeIfAbsent(new Partition(message.conversationId(), bucketOf(message.seq())),
                    p -> new ArrayList<>()).add(message);
            conversations.computeIfAbsent(message.conversationId(), c -> new ArrayList<>()).add(message);
            if (lookupTables) {
                units.add(new WriteUnit(bindById(message), List.of(message)));
                units.add(new WriteUnit(bindByClientId(message), List.of(message)));
            }
        }
        for (List<ChatMessage> partition : partitions.values()) {
            addPartitionBatches(partition, units);
        }
        for (List<ChatMessage> conversation : conversations.values()) {
            units.add(new WriteUnit(bindActivity(conversation), conversation));
        }
        return units;
    }

    private BoundStatement bindById(ChatMessage message) {
        return insertById.bind(message.messageId(), message.conversationId(), message.seq());
    }

    private BoundStatement bindByClientId(ChatMessage message) {
        return insertByClientId.bind(message.senderId(), message.clientMessageId(), message.messageId(),
                message.conversationId(), message.seq());
    }

    /** The newest message of the conversation, with its seq as the write timestamp (see the class comment). */
    private BoundStatement bindActivity(List<ChatMessage> conversation) {
        ChatMessage newest = conversation.get(0);
        for (ChatMessage message : conversation) {
            if (message.seq() > newest.seq()) {
                newest = message;
            }
        }
        return updateActivity.bind(newest.conversationId(), newest.seq(), newest.sentAt(), newest.seq());
    }

    private void addPartitionBatches(List<ChatMessage> partition, List<WriteUnit> units) {
        List<ChatMessage> chunk = new ArrayList<>();
        long chunkBytes = 0;
        for (ChatMessage message : partition) {
            long size = approximateBytes(message);
            if (!chunk.isEmpty() && (chunk.size() >= maxStatementsPerBatch || chunkBytes + size > maxBatchBytes)) {
                units.add(partitionUnit(chunk));
                chunk = new ArrayList<>();
                chunkBytes = 0;
            }
            chunk.add(message);
            chunkBytes += size;
        }
        if (!chunk.isEmpty()) {
            units.add(partitionUnit(chunk));
        }
    }

    private WriteUnit partitionUnit(List<ChatMessage> chunk) {
        if (chunk.size() == 1) {
            return new WriteUnit(bindMessage(chunk.get(0)), chunk);
        }
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.UNLOGGED).setIdempotence(true);
        for (ChatMessage message : chunk) {
            batch.addStatement(bindMessage(message));
        }
        return new WriteUnit(batch.build(), chunk);
    }

    private BoundStatement bindMessage(ChatMessage message) {
        return insertMessage.bind(message.conversationId(), bucketOf(message.seq()), message.seq(),
                message.messageId(), message.senderId(), message.content(), message.sentAt(),
                message.clientMessageId());
    }

    /** UTF-8 size upper bound of a row: content at 3 bytes a char (well below the batch limits anyway). */
    static long approximateBytes(ChatMessage message) {
        return ROW_OVERHEAD_BYTES + 3L * message.content().length() + message.messageId().length()
                + message.senderId().length() + message.clientMessageId().length()
                + message.conversationId().length();
    }

    private record Partition(String conversationId, long bucket) {
    }

    private record Entry(BoundStatement statement, List<ChatMessage> messages, long bytes) {
    }
}
