package dev.realtime.chat.persistence.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.model.wire.ChatMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CoalescingWriterTests {

    /** Records every write; each completes only when the test says so. */
    private final List<List<ChatMessage>> writes = new ArrayList<>();
    private final List<CompletableFuture<WriteOutcome>> pending = new ArrayList<>();

    private CompletableFuture<WriteOutcome> record(List<ChatMessage> messages) {
        writes.add(List.copyOf(messages));
        CompletableFuture<WriteOutcome> outcome = new CompletableFuture<>();
        pending.add(outcome);
        return outcome;
    }

    private static List<ChatMessage> batch(String conversation, int from, int count) {
        return IntStream.range(from, from + count).mapToObj(seq -> new ChatMessage("m-" + conversation + seq,
                conversation, seq, "alice", "text", Instant.EPOCH, "c" + seq)).toList();
    }

    @Test
    void aLoneBatchIsWrittenAtOnceAndAlone() {
        CoalescingWriter writer = new CoalescingWriter(this::record, 2, 1000);
        List<ChatMessage> a = batch("a", 1, 3);

        CompletableFuture<WriteOutcome> outcome = writer.write(a, true);

        assertThat(writes).containsExactly(a);
        pending.get(0).complete(WriteOutcome.success());
        assertThat(outcome).isCompletedWithValue(WriteOutcome.success());
        assertThat(writer.inFlight()).isZero();
    }

    @Test
    void batchesArrivingWhileEverySlotIsBusyAreWrittenTogetherByTheNextFreeOneInArrivalOrder() {
        CoalescingWriter writer = new CoalescingWriter(this::record, 2, 1000);
        List<ChatMessage> a = batch("a", 1, 2);
        List<ChatMessage> b = batch("b", 1, 2);
        List<ChatMessage> c = batch("c", 1, 3);
        List<ChatMessage> d = batch("d", 1, 1);
        CompletableFuture<WriteOutcome> first = writer.write(a, true);
        writer.write(b, true);
        CompletableFuture<WriteOutcome> third = writer.write(c, true);
        CompletableFuture<WriteOutcome> fourth = writer.write(d, true);

        assertThat(writes).containsExactly(a, b);
        assertThat(writer.waiting()).isEqualTo(2);
        assertThat(third).isNotDone();

        pending.get(0).complete(WriteOutcome.success());
        assertThat(first).isCompletedWithValue(WriteOutcome.success());
        List<ChatMessage> merged = new ArrayList<>(c);
        merged.addAll(d);
        assertThat(writes).hasSize(3);
        assertThat(writes.get(2)).containsExactlyElementsOf(merged);
        assertThat(writer.waiting()).isZero();

        pending.get(2).complete(WriteOutcome.success());
        assertThat(third).isCompleted();
        assertThat(fourth).isCompleted();
        pending.get(1).complete(WriteOutcome.success());
        assertThat(writer.inFlight()).isZero();
    }

    @Test
    void aMergedWriteTakesWholeBatchesUpToTheMessageLimit() {
        CoalescingWriter writer = new CoalescingWriter(this::record, 1, 5);
        writer.write(batch("a", 1, 1), true);
        List<ChatMessage> b = batch("b", 1, 3);
        List<ChatMessage> c = batch("c", 1, 3);
        List<ChatMessage> huge = batch("d", 1, 9);
        writer.write(b, true);
        writer.write(c, true);
        writer.write(huge, true);

        pending.get(0).complete(WriteOutcome.success());
        assertThat(writes.get(1)).as("b and c together would be 6 > 5").containsExactlyElementsOf(b);
        pending.get(1).complete(WriteOutcome.success());
        assertThat(writes.get(2)).containsExactlyElementsOf(c);
        pending.get(2).complete(WriteOutcome.success());
        assertThat(writes.get(3)).as("a batch over the limit is written whole, alone").containsExactlyElementsOf(huge);
    }

    @Test
    void eachBatchGetsTheOutcomeOfItsOwnMessagesOnly() {
        CoalescingWriter writer = new CoalescingWriter(this::record, 1, 1000);
        writer.write(batch("a", 1, 1), true);
        List<ChatMessage> b = batch("b", 1, 2);
        List<ChatMessage> c = batch("c", 1, 2);
        CompletableFuture<WriteOutcome> outcomeB = writer.write(b, true);
        CompletableFuture<WriteOutcome> outcomeC = writer.write(c, true);
        pending.get(0).complete(WriteOutcome.success());

        Map<ChatMessage, Throwable> failures = new IdentityHashMap<>();
        IllegalArgumentException rejected = new IllegalArgumentException("rejected by Cassandra");
        failures.put(c.get(1), rejected);
        pending.get(1).complete(WriteOutcome.of(failures));

        assertThat(outcomeB.join().allWritten()).isTrue();
        assertThat(outcomeC.join().failedCount()).isEqualTo(1);
        assertThat(outcomeC.join().failureOf(c.get(1))).isSameAs(rejected);
        assertThat(outcomeC.join().failureOf(c.get(0))).isNull();
    }

    @Test
    void retriesAreWrittenAloneAtOnceEvenWhileEverySlotIsBusy() {
        CoalescingWriter writer = new CoalescingWriter(this::record, 1, 1000);
        writer.write(batch("a", 1, 1), true);
        writer.write(batch("b", 1, 1), true);
        List<ChatMessage> retry = batch("r", 1, 2);

        writer.write(retry, false);

        assertThat(writes).hasSize(2);
        assertThat(writes.get(1)).containsExactlyElementsOf(retry);
        assertThat(writer.waiting()).isEqualTo(1);
    }

    @Test
    void writesThatCompleteAtOnceDrainTheWaitingBatchesWithoutRecursing() {
        List<CompletableFuture<WriteOutcome>> first = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        CoalescingWriter writer = new CoalescingWriter(messages -> {
            sizes.add(messages.size());
            if (first.isEmpty()) {
                CompletableFuture<WriteOutcome> slow = new CompletableFuture<>();
                first.add(slow);
                return slow;
            }
            return CompletableFuture.completedFuture(WriteOutcome.success());
        }, 1, 1);
        writer.write(batch("a", 1, 1), true);
        List<CompletableFuture<WriteOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            outcomes.add(writer.write(batch("b" + i, 1, 1), true));
        }

        first.get(0).complete(WriteOutcome.success());

        assertThat(outcomes).allMatch(CompletableFuture::isDone);
        assertThat(sizes).hasSize(50_001);
        assertThat(writer.inFlight()).isZero();
    }
}
