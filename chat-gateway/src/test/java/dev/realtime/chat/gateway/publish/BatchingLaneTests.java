package dev.realtime.chat.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BatchingLaneTests {

    private final List<List<Integer>> published = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<Void>> confirms = new CopyOnWriteArrayList<>();
    private final List<String> outcomes = new ArrayList<>();

    private BatchingLane<Integer> lane(int maxItems, int maxBytes) {
        return new BatchingLane<>(Runnable::run, batch -> {
            published.add(List.copyOf(batch));
            CompletableFuture<Void> confirm = new CompletableFuture<>();
            confirms.add(confirm);
            return confirm;
        }, (batch, failure) -> outcomes.add((failure == null ? "ok " : "failed ") + batch), item -> 10, maxItems,
                maxBytes);
    }

    @Test
    void aLoneItemIsPublishedAtOnce() {
        BatchingLane<Integer> lane = lane(500, 100_000);
        lane.offer(1);
        assertThat(published).containsExactly(List.of(1));
    }

    @Test
    void whatAccumulatesWhileABatchIsInFlightGoesOutAsOneBatchInOfferOrder() {
        BatchingLane<Integer> lane = lane(500, 100_000);
        lane.offer(1);
        lane.offer(2);
        lane.offer(3);
        lane.offer(4);
        assertThat(published).containsExactly(List.of(1));
        confirms.get(0).complete(null);
        assertThat(published).containsExactly(List.of(1), List.of(2, 3, 4));
        assertThat(outcomes).containsExactly("ok [1]");
        confirms.get(1).complete(null);
        assertThat(outcomes).containsExactly("ok [1]", "ok [2, 3, 4]");
        assertThat(lane.pending()).isZero();
    }

    @Test
    void batchesAreCappedByCountAndByBytes() {
        BatchingLane<Integer> byCount = lane(2, 100_000);
        for (int i = 1; i <= 6; i++) {
            byCount.offer(i);
        }
        confirms.get(0).complete(null);
        confirms.get(1).complete(null);
        assertThat(published).containsExactly(List.of(1), List.of(2, 3), List.of(4, 5));
        assertThat(byCount.pending()).isEqualTo(3); // 4, 5 in flight and 6 waiting

        published.clear();
        confirms.clear();
        BatchingLane<Integer> byBytes = lane(500, 25); // items of 10 bytes: two per batch
        for (int i = 1; i <= 4; i++) {
            byBytes.offer(i);
        }
        confirms.get(0).complete(null);
        assertThat(published).containsExactly(List.of(1), List.of(2, 3));
    }

    @Test
    void aFullBacklogRefusesNewItemsUntilTheBrokerCatchesUp() {
        BatchingLane<Integer> lane = new BatchingLane<>(Runnable::run, batch -> {
            published.add(List.copyOf(batch));
            CompletableFuture<Void> confirm = new CompletableFuture<>();
            confirms.add(confirm);
            return confirm;
        }, (batch, failure) -> { }, item -> 1, 500, 100_000, 2);
        assertThat(lane.offer(1)).isTrue(); // in flight at once
        assertThat(lane.offer(2)).isTrue();
        assertThat(lane.offer(3)).isTrue();
        assertThat(lane.offer(4)).isFalse();
        confirms.get(0).complete(null);
        assertThat(lane.offer(4)).isTrue();
        assertThat(published).containsExactly(List.of(1), List.of(2, 3));
    }

    @Test
    void aFailedBatchIsReportedAndTheNextOneStillGoes() {
        BatchingLane<Integer> lane = lane(500, 100_000);
        lane.offer(1);
        lane.offer(2);
        confirms.get(0).completeExceptionally(new IllegalStateException("nack"));
        assertThat(outcomes).containsExactly("failed [1]");
        assertThat(published).containsExactly(List.of(1), List.of(2));
    }

    @Test
    void aSinkThatThrowsFailsTheBatchInsteadOfStallingTheLane() {
        List<List<Integer>> seen = new ArrayList<>();
        BatchingLane<Integer> lane = new BatchingLane<>(Runnable::run, batch -> {
            seen.add(List.copyOf(batch));
            if (seen.size() == 1) {
                throw new IllegalStateException("connection refused");
            }
            return CompletableFuture.completedFuture(null);
        }, (batch, failure) -> outcomes.add((failure == null ? "ok " : "failed ") + batch), item -> 1, 10, 100);
        lane.offer(1);
        lane.offer(2);
        assertThat(outcomes).containsExactly("failed [1]", "ok [2]");
    }
}
