package dev.realtime.chat.persistence.write;

import static dev.realtime.chat.persistence.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Metadata;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.persistence.write.CassandraWritePlanner.BatchingMode;
import dev.realtime.chat.support.cassandra.ChatKeyspace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CassandraWritePlannerTests {

    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private CqlSession session;
    private CassandraWritePlanner planner;

    @BeforeEach
    void prepare() {
        session = mock(CqlSession.class);
        when(session.prepare(any(SimpleStatement.class))).thenAnswer(invocation -> {
            SimpleStatement statement = invocation.getArgument(0);
            assertThat(statement.isIdempotent()).isTrue();
            String table = statement.getQuery().split(" ")[2];
            PreparedStatement statementOfTable = mock(PreparedStatement.class);
            when(statementOfTable.bind(any(Object[].class))).thenAnswer(bind -> mock(BoundStatement.class));
            prepared.put(table, statementOfTable);
            return statementOfTable;
        });
        planner = new CassandraWritePlanner(session, new ChatKeyspace("ks"), BatchingMode.PARTITION, 20,
                48 * 1024);
    }

    @Test
    void writesOnePartitionInUnloggedBatchesOfBoundedSize() {
        List<ChatMessage> messages = IntStream.rangeClosed(1, 25).mapToObj(seq -> message("c1", seq)).toList();

        List<WriteUnit> units = planner.plan(messages);

        List<WriteUnit> batches = units.stream().filter(u -> u.statement() instanceof BatchStatement).toList();
        assertThat(batches).extracting(u -> u.messages().size()).containsExactly(20, 5);
        assertThat(batches).allSatisfy(u -> {
            assertThat(((BatchStatement) u.statement()).getBatchType()).isEqualTo(BatchType.UNLOGGED);
            assertThat(u.statement().isIdempotent()).isTrue();
        });
        // messages_by_id + messages_by_client_id per message, 2 batches, 1 activity row
        assertThat(units).hasSize(25 * 2 + 2 + 1);
    }

    @Test
    void splitsPartitionsAtTheBucketBoundary() {
        List<WriteUnit> units = planner.plan(List.of(message("c1", 9_999), message("c1", 10_000)));

        verify(prepared.get("ks.messages")).bind("c1", 0L, 9_999L, "m-c1-9999", "alice", "hello 9999",
                units.get(0).messages().get(0).sentAt(), "c-c1-9999");
        verify(prepared.get("ks.messages")).bind("c1", 1L, 10_000L, "m-c1-10000", "alice", "hello 10000",
                units.get(2).messages().get(0).sentAt(), "c-c1-10000");
    }

    @Test
    void writesTheHighestSeqOfEachConversationOnceWithTheSeqAsWriteTimestamp() {
        ChatMessage newest = message("c1", 7);
        List<ChatMessage> messages = List.of(message("c1", 5), newest, message("c1", 6), message("c2", 3));

        List<WriteUnit> units = planner.plan(messages);

        verify(prepared.get("ks.conversation_activity")).bind("c1", 7L, newest.sentAt(), 7L);
        List<WriteUnit> activity = new ArrayList<>(units.subList(units.size() - 2, units.size()));
        assertThat(activity.get(0).messages()).hasSize(3);
        assertThat(activity.get(1).messages()).extracting(ChatMessage::conversationId).containsExactly("c2");
    }

    @Test
    void startsANewBatchBeforeItGrowsPastTheByteLimit() {
        CqlSession session = mock(CqlSession.class);
        PreparedStatement statement = mock(PreparedStatement.class);
        when(session.prepare(any(SimpleStatement.class))).thenReturn(statement);
        when(statement.bind(any(Object[].class))).thenAnswer(bind -> mock(BoundStatement.class));
        CassandraWritePlanner small = new CassandraWritePlanner(session, new ChatKeyspace("ks"), BatchingMode.PARTITION,
                100, 30_000);
        List<ChatMessage> big = IntStream.rangeClosed(1, 6).mapToObj(seq -> new ChatMessage("m" + seq, "c1", seq,
                "u", "x".repeat(4000), java.time.Instant.now(), "cm" + seq)).toList();

        List<WriteUnit> partitionUnits = small.plan(big).stream()
                .filter(u -> u.statement() instanceof BatchStatement).toList();

        // 12 KB per message (3 bytes a char, upper bound): two fit under 30 KB
        assertThat(partitionUnits).extracting(u -> u.messages().size()).containsExactly(2, 2, 2);
    }

    @Test
    void groupsStatementsOfTheSameReplicasIntoBoundedBatchesCoveringTheirMessages() {
        Metadata metadata = mock(Metadata.class);
        when(metadata.getTokenMap()).thenReturn(Optional.empty()); // one group, as with a single node
        when(session.getMetadata()).thenReturn(metadata);
        CassandraWritePlanner replica = new CassandraWritePlanner(session, new ChatKeyspace("ks"),
                BatchingMode.REPLICA, 10, 48 * 1024);
        List<ChatMessage> messages = IntStream.rangeClosed(1, 7).mapToObj(seq -> message("c" + seq % 2, seq))
                .toList();

        List<WriteUnit> units = replica.plan(messages);

        // 7 x 3 row statements + 2 activity rows = 23 statements: 10 + 10 + 3
        assertThat(units).extracting(u -> ((BatchStatement) u.statement()).size()).containsExactly(10, 10, 3);
        assertThat(units).allSatisfy(u -> assertThat(u.statement().isIdempotent()).isTrue());
        assertThat(units.get(0).messages()).extracting(ChatMessage::seq).containsExactly(1L, 2L, 3L, 4L);
        // the last batch holds message 7's rows and both activity rows, which cover their conversations
        assertThat(units.get(2).messages()).hasSize(7);
    }

    @Test
    void withoutLookupTablesOnlyTheMessagesPartitionAndTheActivityRowAreWritten() {
        Metadata metadata = mock(Metadata.class);
        when(metadata.getTokenMap()).thenReturn(Optional.empty());
        when(session.getMetadata()).thenReturn(metadata);
        List<ChatMessage> messages = IntStream.rangeClosed(1, 7).mapToObj(seq -> message("c" + seq % 2, seq))
                .toList();

        List<WriteUnit> byReplica = new CassandraWritePlanner(session, new ChatKeyspace("ks"), BatchingMode.REPLICA,
                10, 48 * 1024, false).plan(messages);
        verify(prepared.get("ks.messages_by_id"), never()).bind(any(Object[].class));
        verify(prepared.get("ks.messages_by_client_id"), never()).bind(any(Object[].class));
        List<WriteUnit> byPartition = new CassandraWritePlanner(session, new ChatKeyspace("ks"),
                BatchingMode.PARTITION, 20, 48 * 1024, false).plan(messages);

        // 7 message rows + 2 activity rows = 9 statements, one batch covering all seven messages
        assertThat(byReplica).extracting(u -> ((BatchStatement) u.statement()).size()).containsExactly(9);
        assertThat(byReplica.get(0).messages()).hasSize(7);
        // one batch per messages partition (c0, c1) + one activity row per conversation
        assertThat(byPartition).hasSize(2 + 2);
        verify(prepared.get("ks.messages_by_id"), never()).bind(any(Object[].class));
        verify(prepared.get("ks.messages_by_client_id"), never()).bind(any(Object[].class));
    }
}
