package dev.realtime.chat.loadtest.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.realtime.chat.support.cassandra.CassandraSchema;
import dev.realtime.chat.testsupport.ChatTestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The verifier's reads against the real Cassandra, in this JVM's keyspace with the project's schema. */
class LossVerifierIntegrationTests {

    private static final ChatTestInfrastructure infra = ChatTestInfrastructure.get();
    private static CqlSession session;
    private static String keyspace;

    @BeforeAll
    static void createSchema() {
        session = infra.cqlSession();
        keyspace = infra.cassandraKeyspace();
        for (String statement : CassandraSchema.statements(keyspace,
                "{'class': 'SimpleStrategy', 'replication_factor': 1}")) {
            session.execute(statement);
        }
    }

    private static void store(String conversation, long seq, String messageId, String clientMessageId) {
        session.execute(session.prepare("INSERT INTO " + keyspace + ".messages (conversation_id, bucket, seq, "
                + "message_id, sender_id, content, sent_at, client_message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(conversation, seq / 10_000, seq, messageId, "u-1", "hello", Instant.now(), clientMessageId));
    }

    private static VerificationResult verify(List<AckedMessage> acked) throws InterruptedException {
        // The rows are written before the check: a virtual clock that the retry pause advances, no real waiting.
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        PersistenceCheck check = new PersistenceCheck(new CassandraMessageStore(session, keyspace),
                now::get, d -> now.addAndGet(d.toMillis()));
        return check.check(acked, Duration.ZERO, Duration.ofMillis(100));
    }

    @Test
    void storedMessagesAcrossBucketsArePersistedAndAMissingOneIsLost() throws InterruptedException {
        store("conv-a", 1, "m-a1", "c-a1");
        store("conv-a", 2, "m-a2", "c-a2");
        store("conv-a", 10_001, "m-a3", "c-a3");
        store("conv-b", 7, "m-b7", "c-b7");

        VerificationResult result = verify(List.of(
                new AckedMessage("conv-a", 1, "m-a1", "c-a1", true),
                new AckedMessage("conv-a", 2, "m-a2", "c-a2", true),
                new AckedMessage("conv-a", 10_001, "m-a3", "c-a3", true),
                new AckedMessage("conv-b", 7, "m-b7", "c-b7", true),
                new AckedMessage("conv-b", 8, "m-b8", "c-b8", true)));

        assertThat(result.persisted()).isEqualTo(4);
        assertThat(result.missing()).isOne();
        assertThat(result.lost()).isOne();
        assertThat(result.sample()).containsExactly("conv-b/8");
        assertThat(result.storedTwice()).isZero();
    }

    @Test
    void theSameClientMessageStoredAtTwoSeqsIsReportedAsStoredTwice() throws InterruptedException {
        store("conv-c", 1, "m-c1", "c-dup");
        store("conv-c", 2, "m-c2", "c-dup");

        VerificationResult result = verify(List.of(new AckedMessage("conv-c", 1, "m-c1", "c-dup", true)));

        assertThat(result.persisted()).isOne();
        assertThat(result.storedTwice()).isOne();
        assertThat(result.lost()).isZero();
    }

    @Test
    void anotherMessageAtTheAckedSeqIsAMismatch() throws InterruptedException {
        store("conv-d", 5, "m-other", "c-other");

        VerificationResult result = verify(List.of(new AckedMessage("conv-d", 5, "m-d5", "c-d5", true)));

        assertThat(result.mismatched()).isOne();
        assertThat(result.lost()).isOne();
    }
}
