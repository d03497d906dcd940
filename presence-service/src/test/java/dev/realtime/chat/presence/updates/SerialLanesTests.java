package dev.realtime.chat.presence.updates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialLanesTests {

    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    @AfterEach
    void shutDown() {
        executor.shutdownNow();
    }

    @Test
    void runsTheTasksOfOneKeyOneAfterTheOtherEvenWhenTheyCompleteLater() throws Exception {
        SerialLanes lanes = new SerialLanes(2, executor);
        List<String> log = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> gate = new CompletableFuture<>();

        CompletableFuture<Void> first = lanes.submit("alice", () -> {
            log.add("start-1");
            return gate.thenRun(() -> log.add("end-1"));
        });
        CompletableFuture<Void> second = lanes.submit("alice", () -> {
            log.add("start-2");
            return CompletableFuture.completedFuture(null);
        });
        executor.submit(() -> gate.complete(null));

        CompletableFuture.allOf(first, second).get(5, TimeUnit.SECONDS);
        assertThat(log).containsExactly("start-1", "end-1", "start-2");
    }

    @Test
    void aFailedTaskDoesNotStopItsLane() throws Exception {
        SerialLanes lanes = new SerialLanes(1, executor);

        CompletableFuture<Object> failed = lanes.submit("alice", () -> CompletableFuture.failedFuture(
                new IllegalStateException("boom")));
        CompletableFuture<String> next = lanes.submit("alice", () -> CompletableFuture.completedFuture("ran"));

        assertThat(next.get(5, TimeUnit.SECONDS)).isEqualTo("ran");
        assertThat(failed).isCompletedExceptionally();
    }
}
