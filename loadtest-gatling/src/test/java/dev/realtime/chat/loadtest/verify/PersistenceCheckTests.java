package dev.realtime.chat.loadtest.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PersistenceCheckTests {

    /** In-memory chat.messages: partition (conversation, bucket) -> rows; records every query. */
    private static final class FakeStore implements MessageStore {
        final Map<String, List<StoredRow>> partitions = new HashMap<>();
        final List<String> queries = new ArrayList<>();

        void put(String conversation, long seq, String messageId, String clientMessageId) {
            partitions.computeIfAbsent(conversation + "/" + seq / 10_000, k -> new ArrayList<>())
                    .add(new StoredRow(seq, messageId, clientMessageId));
        }

        @Override
        public List<StoredRow> rows(String conversationId, long bucket, long fromSeq, long toSeq) {
            queries.add(conversationId + "/" + bucket + "[" + fromSeq + "," + toSeq + "]");
            return partitions.getOrDefault(conversationId + "/" + bucket, List.of()).stream()
                    .filter(r -> r.seq() >= fromSeq && r.seq() <= toSeq).toList();
        }
    }

    private final FakeStore store = new FakeStore();
    private final AtomicLong clock = new AtomicLong(1_000);
    private final List<Duration> pauses = new ArrayList<>();
    private final PersistenceCheck check = new PersistenceCheck(store, clock::get, d -> {
        pauses.add(d);
        clock.addAndGet(d.toMillis());
    });

    private static AckedMessage acked(String conversation, long seq, String messageId) {
        return new AckedMessage(conversation, seq, messageId, "cm-" + messageId, true);
    }

    @Test
    void everyAckedMessageStoredOnceIsPersistedAndNothingIsLost() throws InterruptedException {
        store.put("c1", 1, "m1", "cm-m1");
        store.put("c1", 2, "m2", "cm-m2");
        store.put("c2", 10_001, "m3", "cm-m3");

        VerificationResult result = check.check(List.of(acked("c1", 1, "m1"), acked("c1", 2, "m2"),
                acked("c2", 10_001, "m3")), Duration.ofSeconds(5), Duration.ofSeconds(1));

        assertThat(result.acked()).isEqualTo(3);
        assertThat(result.persisted()).isEqualTo(3);
        assertThat(result.missing()).isZero();
        assertThat(result.lost()).isZero();
        assertThat(result.storedTwice()).isZero();
        assertThat(store.queries).containsExactlyInAnyOrder("c1/0[1,9999]", "c2/1[10001,19999]");
        assertThat(pauses).isEmpty();
    }

    @Test
    void missingRowIsLostAfterWaitingForPersistence() throws InterruptedException {
        store.put("c1", 1, "m1", "cm-m1");

        VerificationResult result = check.check(List.of(acked("c1", 1, "m1"), acked("c1", 2, "m2")),
                Duration.ofSeconds(3), Duration.ofSeconds(1));

        assertThat(result.missing()).isOne();
        assertThat(result.persisted()).isOne();
        assertThat(result.lost()).isOne();
        assertThat(result.sample()).containsExactly("c1/2");
        assertThat(pauses).hasSize(3);
        assertThat(result.waitedMillis()).isEqualTo(3_000);
    }

    @Test
    void rowThatArrivesWhileWaitingIsPersisted() throws InterruptedException {
        PersistenceCheck lateWriter = new PersistenceCheck(store, clock::get, d -> {
            clock.addAndGet(d.toMillis());
            store.put("c1", 1, "m1", "cm-m1");
        });

        VerificationResult result = lateWriter.check(List.of(acked("c1", 1, "m1")), Duration.ofSeconds(10),
                Duration.ofSeconds(1));

        assertThat(result.persisted()).isOne();
        assertThat(result.lost()).isZero();
        assertThat(result.waitedMillis()).isEqualTo(1_000);
    }

    @Test
    void anotherMessageAtTheSeqIsAMismatchAndLost() throws InterruptedException {
        store.put("c1", 1, "other", "cm-other");

        VerificationResult result = check.check(List.of(acked("c1", 1, "m1")), Duration.ZERO, Duration.ofSeconds(1));

        assertThat(result.mismatched()).isOne();
        assertThat(result.lost()).isOne();
    }

    @Test
    void messageStoredAtTwoSeqsIsStoredTwice() throws InterruptedException {
        store.put("c1", 1, "m1", "cm-m1");
        store.put("c1", 2, "m1-again", "cm-m1");

        VerificationResult result = check.check(List.of(acked("c1", 1, "m1"),
                new AckedMessage("c1", 2, "m1-again", "cm-m1", true)), Duration.ZERO, Duration.ofSeconds(1));

        assertThat(result.storedTwice()).isEqualTo(2);
        assertThat(result.lost()).isZero();
    }

    @Test
    void copyStoredAgainAfterTheLastAckedSeqIsFound() throws InterruptedException {
        store.put("c1", 1, "m1", "cm-m1");
        store.put("c1", 9_000, "m1-resent", "cm-m1");

        VerificationResult result = check.check(List.of(acked("c1", 1, "m1")), Duration.ZERO, Duration.ofSeconds(1));

        assertThat(result.storedTwice()).isOne();
    }

    @Test
    void undeliveredMessageIsLostEvenWhenStored() throws InterruptedException {
        store.put("c1", 1, "m1", "cm-m1");

        VerificationResult result = check.check(List.of(new AckedMessage("c1", 1, "m1", "cm-m1", false)),
                Duration.ZERO, Duration.ofSeconds(1));

        assertThat(result.persisted()).isOne();
        assertThat(result.undelivered()).isOne();
        assertThat(result.lost()).isOne();
    }

    @Test
    void emptyListHasNothingToCheck() throws InterruptedException {
        VerificationResult result = check.check(List.of(), Duration.ofSeconds(5), Duration.ofSeconds(1));

        assertThat(result.acked()).isZero();
        assertThat(result.lost()).isZero();
        assertThat(store.queries).isEmpty();
    }
}
