package dev.realtime.chat.persistence.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.model.wire.ChatMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CoalescingWriterTests {

    /** Every write as the batches it carried; each completes only when the test says so. */
    private final List<List<List<ChatMessage>>> writes = new ArrayList<>();
    private final List<CompletableFuture<List<WriteOutcome>>> pending = new ArrayList<>();
    private final AtomicBoolean breakerClosed = new AtomicBoolean(true);

    private CompletableFuture<List<WriteOutcome>> record(List<List<ChatMessage>> batches) {
        writes.add(List.copyOf(batches));
        CompletableFuture<List<WriteOutcome>> outcome = new CompletableFuture<>();
        pending.add(outcome);
        return outcome;
    }

    private CoalescingWriter writer(int slots, int maxMessages) {
        return new CoalescingWriter(this::record, breakerClosed::get, Runnable::run, slots, maxMessages);
    }

    /** Completes write i: every batch fully written. */
    private void succeed(int i) {
        pending.get(i).complete(Collections.nCopies(writes.get(i).size(), WriteOutcome.success()));
    }

    /** Completes write i as MessageWriter would: each batch gets its share of the failures. */
    private void complete(int i, Map<ChatMessage, Throwable> failures) {
        WriteOutcome all = WriteOutcome.of(failures);
        pending.get(i).complete(writes.get(i).stream().map(all::only).toList());
    }

    private static List<ChatMessage> batch(String conversation, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(seq -> new ChatMessage("m-" + conversation + seq,
                conversation, seq, "alice", "text", Instant.EPOCH, "c" + seq)).toList();
    }

    @Test
    void aLoneBatchIsWrittenAtOnceAndAlone() {
        CoalescingWriter writer = writer(2, 1000);
        List<ChatMessage> a = batch("a", 3);

        CompletableFuture<WriteOutcome> outcome = writer.write(a, true);

        assertThat(writes).containsExactly(List.of(a));
        succeed(0);
        assertThat(outcome).isCompletedWithValue(WriteOutcome.success());
        assertThat(writer.inFlight()).isZero();
    }

    @Test
    void batchesArrivingWhileEverySlotIsBusyAreWrittenTogetherByTheNextFreeOneInArrivalOrder() {
        CoalescingWriter writer = writer(2, 1000);
        List<ChatMessage> a = batch("a", 2);
        List<ChatMessage> b = batch("b", 2);
        List<ChatMessage> c = batch("c", 3);
        List<ChatMessage> d = batch("d", 1);
        CompletableFuture<WriteOutcome> first = writer.write(a, true);
        writer.write(b, true);
        CompletableFuture<WriteOutcome> third = writer.write(c, true);
        CompletableFuture<WriteOutcome> fourth = writer.write(d, true);

        assertThat(writes).containsExactly(List.of(a), List.of(b));
        assertThat(writer.waiting()).isEqualTo(2);
        assertThat(third).isNotDone();

        succeed(0);
        assertThat(first).isCompletedWithValue(WriteOutcome.success());
        assertThat(writes).hasSize(3);
        assertThat(writes.get(2)).containsExactly(c, d);
        assertThat(writer.waiting()).isZero();

        succeed(2);
        assertThat(third).isCompleted();
        assertThat(fourth).isCompleted();
        succeed(1);
        assertThat(writer.inFlight()).isZero();
    }

    @Test
    void aMergedWriteTakesWholeBatchesUpToTheMessageLimit() {
        CoalescingWriter writer = writer(1, 5);
        writer.write(batch("a", 1), true);
        List<ChatMessage> b = batch("b", 3);
        List<ChatMessage> c = batch("c", 3);
        List<ChatMessage> huge = batch("d", 9);
        writer.write(b, true);
        writer.write(c, true);
        writer.write(huge, true);

        succeed(0);
        assertThat(writes.get(1)).as("b and c together would be 6 > 5").containsExactly(b);
        succeed(1);
        assertThat(writes.get(2)).containsExactly(c);
        succeed(2);
        assertThat(writes.get(3)).as("a batch over the limit is written whole, alone").containsExactly(huge);
    }

    @Test
    void eachBatchGetsTheOutcomeOfItsOwnMessagesOnly() {
        CoalescingWriter writer = writer(1, 1000);
        writer.write(batch("a", 1), true);
        List<ChatMessage> b = batch("b", 2);
        List<ChatMessage> c = batch("c", 2);
        CompletableFuture<WriteOutcome> outcomeB = writer.write(b, true);
        CompletableFuture<WriteOutcome> outcomeC = writer.write(c, true);
        succeed(0);

        Map<ChatMessage, Throwable> failures = new IdentityHashMap<>();
        IllegalArgumentException rejected = new IllegalArgumentException("rejected by Cassandra");
        failures.put(c.get(1), rejected);
        complete(1, failures);

        assertThat(outcomeB.join().allWritten()).isTrue();
        assertThat(outcomeC.join().failedCount()).isEqualTo(1);
        assertThat(outcomeC.join().failureOf(c.get(1))).isSameAs(rejected);
        assertThat(outcomeC.join().failureOf(c.get(0))).isNull();
    }

    @Test
    void retriesAreWrittenAloneAtOnceEvenWhileEverySlotIsBusy() {
        CoalescingWriter writer = writer(1, 1000);
        writer.write(batch("a", 1), true);
        writer.write(batch("b", 1), true);
        List<ChatMessage> retry = batch("r", 2);

        CompletableFuture<WriteOutcome> outcome = writer.write(retry, false);

        assertThat(writes).hasSize(2);
        assertThat(writes.get(1)).containsExactly(retry);
        assertThat(writer.waiting()).isEqualTo(1);
        succeed(1);
        assertThat(outcome).isCompletedWithValue(WriteOutcome.success());
    }

    @Test
    void batchesStillWaitingWhenTheBreakerOpensAreNotWrittenAndCountAsUnreachable() {
        CoalescingWriter writer = writer(1, 1000);
        writer.write(batch("a", 1), true);
        List<ChatMessage> b = batch("b", 2);
        CompletableFuture<WriteOutcome> outcome = writer.write(b, true);

        breakerClosed.set(false);
        succeed(0);

        assertThat(writes).hasSize(1);
        assertThat(outcome).isCompleted();
        assertThat(outcome.join().failedCount()).isEqualTo(2);
        assertThat(outcome.join().anyUnavailable()).as("requeued, no retry used").isTrue();
        assertThat(writer.inFlight()).isZero();
    }

    @Test
    void aWriterThatThrowsOrFailsStillSettlesEveryBatchAndFreesItsSlot() {
        List<List<List<ChatMessage>>> calls = new ArrayList<>();
        CompletableFuture<List<WriteOutcome>> late = new CompletableFuture<>();
        CoalescingWriter writer = new CoalescingWriter(batches -> {
            calls.add(batches);
            return switch (calls.size()) {
                case 1 -> late;
                case 2 -> throw new IllegalStateException("boom");
                case 3 -> CompletableFuture.failedFuture(new IllegalStateException("failed at once"));
                default -> CompletableFuture.completedFuture(List.of()); // wrong shape
            };
        }, () -> true, Runnable::run, 1, 1);
        CompletableFuture<WriteOutcome> first = writer.write(batch("a", 1), true);
        List<CompletableFuture<WriteOutcome>> rest = List.of(writer.write(batch("b", 1), true),
                writer.write(batch("c", 1), true), writer.write(batch("d", 1), true));

        late.completeExceptionally(new IllegalStateException("failed later"));

        assertThat(first).isCompleted();
        assertThat(first.join().failedCount()).isEqualTo(1);
        assertThat(rest).allSatisfy(outcome -> assertThat(outcome.join().failedCount()).isEqualTo(1));
        assertThat(calls).hasSize(4);
        assertThat(writer.inFlight()).isZero();
        assertThat(writer.write(batch("e", 1), true)).isCompleted();
    }

    @Test
    void writesThatCompleteAtOnceDrainTheWaitingBatchesWithoutRecursing() {
        List<CompletableFuture<List<WriteOutcome>>> first = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        CoalescingWriter writer = new CoalescingWriter(batches -> {
            sizes.add(batches.size());
            if (first.isEmpty()) {
                CompletableFuture<List<WriteOutcome>> slow = new CompletableFuture<>();
                first.add(slow);
                return slow;
            }
            return CompletableFuture.completedFuture(Collections.nCopies(batches.size(), WriteOutcome.success()));
        }, () -> true, Runnable::run, 1, 1);
        writer.write(batch("a", 1), true);
        List<CompletableFuture<WriteOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            outcomes.add(writer.write(batch("b" + i, 1), true));
        }

        first.get(0).complete(List.of(WriteOutcome.success()));

        assertThat(outcomes).allMatch(CompletableFuture::isDone);
        assertThat(sizes).hasSize(50_001);
        assertThat(writer.inFlight()).isZero();
    }

    // ---------------------------------------------------------------- pacing (chat.persistence.min-write-interval)

    private static final long INTERVAL = 20_000_000L;
    private long now = 1_000_000_000L;
    private final List<Runnable> timers = new ArrayList<>();
    private final List<Long> timerDelays = new ArrayList<>();

    private CoalescingWriter pacedWriter(int slots) {
        return new CoalescingWriter(this::record, breakerClosed::get, Runnable::run, slots, 1000, INTERVAL,
                (task, delay) -> {
                    timers.add(task);
                    timerDelays.add(delay);
                }, () -> now);
    }

    private void fireTimers() {
        List<Runnable> due = new ArrayList<>(timers);
        timers.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void pacedTheFirstBatchIsWrittenAtOnceAndLaterOnesWaitForTheIntervalThenGoTogether() {
        CoalescingWriter writer = pacedWriter(2);
        List<ChatMessage> a = batch("a", 1);
        List<ChatMessage> b = batch("b", 2);
        List<ChatMessage> c = batch("c", 1);

        writer.write(a, true);
        now += 1_000_000L;
        CompletableFuture<WriteOutcome> second = writer.write(b, true);
        writer.write(c, true);

        // a free slot, but only 1 ms since the last start: b and c wait for one timer, due 19 ms later
        assertThat(writes).containsExactly(List.of(a));
        assertThat(timerDelays).containsExactly(19_000_000L);
        assertThat(writer.waiting()).isEqualTo(2);

        now += 19_000_000L;
        fireTimers();
        assertThat(writes).containsExactly(List.of(a), List.of(b, c));
        succeed(0);
        succeed(1);
        assertThat(second).isCompletedWithValue(WriteOutcome.success());
        assertThat(writer.inFlight()).isZero();
        assertThat(timers).isEmpty();
    }

    @Test
    void pacedAWriteCompletingBeforeTheIntervalFreesItsSlotAndTheTimerStartsTheNext() {
        CoalescingWriter writer = pacedWriter(1);
        List<ChatMessage> a = batch("a", 1);
        List<ChatMessage> b = batch("b", 1);

        writer.write(a, true);
        writer.write(b, true); // the one slot is busy: b waits, no timer yet
        assertThat(timers).isEmpty();

        now += 5_000_000L;
        succeed(0); // done 5 ms after its start: b may only start 15 ms later
        assertThat(writes).hasSize(1);
        assertThat(writer.inFlight()).isZero();
        assertThat(timerDelays).containsExactly(15_000_000L);

        now += 10_000_000L;
        fireTimers(); // early (a timer may fire late, never early; but be safe): it re-arms for the rest
        assertThat(writes).hasSize(1);
        assertThat(timerDelays).containsExactly(15_000_000L, 5_000_000L);

        now += 5_000_000L;
        fireTimers();
        assertThat(writes).containsExactly(List.of(a), List.of(b));
    }

    @Test
    void pacedATimerFiringWhileEverySlotIsBusyLeavesTheBatchesToTheSlotThatCompletes() {
        CoalescingWriter writer = pacedWriter(1);
        List<ChatMessage> a = batch("a", 1);
        List<ChatMessage> b = batch("b", 1);
        List<ChatMessage> c = batch("c", 1);
        List<ChatMessage> d = batch("d", 1);

        writer.write(a, true);
        writer.write(b, true);
        now += 5_000_000L;
        succeed(0); // b may start at 20 ms: a timer is armed
        assertThat(timers).hasSize(1);

        now += 16_000_000L;
        writer.write(c, true); // 21 ms, the timer is late: c finds a free slot and takes b along
        assertThat(writes).containsExactly(List.of(a), List.of(b, c));
        now += 1_000_000L;
        writer.write(d, true); // the one slot is busy again

        now += 3_000_000L;
        fireTimers(); // the late timer at 25 ms: every slot busy, so it writes nothing
        assertThat(writes).hasSize(2);
        assertThat(writer.waiting()).isEqualTo(1);

        now += 5_000_000L;
        succeed(1); // 30 ms, 9 ms after b + c started: d waits 11 ms more, for a new timer
        assertThat(writes).hasSize(2);
        assertThat(timerDelays).containsExactly(15_000_000L, 11_000_000L);

        now += 11_000_000L;
        fireTimers();
        assertThat(writes).containsExactly(List.of(a), List.of(b, c), List.of(d));
        succeed(2);
        assertThat(writer.waiting()).isZero();
        assertThat(writer.inFlight()).isZero();
    }

    @Test
    void pacedRetriesStillGoAloneAtOnce() {
        CoalescingWriter writer = pacedWriter(2);
        List<ChatMessage> a = batch("a", 1);
        List<ChatMessage> retry = batch("r", 1);

        writer.write(a, true);
        writer.write(retry, false);

        assertThat(writes).containsExactly(List.of(a), List.of(retry));
        assertThat(timers).isEmpty();
    }
}
