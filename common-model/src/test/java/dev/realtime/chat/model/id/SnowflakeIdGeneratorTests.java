package dev.realtime.chat.model.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnowflakeIdGeneratorTests {

    @Test
    void idsAreUniqueAcrossThreads() throws Exception {
        SnowflakeIdGenerator generator = new SnowflakeIdGenerator(7);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 50_000; i++) {
                        seen.add(generator.nextId());
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(200_000);
    }

    @Test
    void idsOfTwoWorkersNeverCollideAtTheSameMillisecond() {
        SnowflakeIdGenerator a = new SnowflakeIdGenerator(1, () -> SnowflakeIdGenerator.EPOCH + 1000);
        SnowflakeIdGenerator b = new SnowflakeIdGenerator(2, () -> SnowflakeIdGenerator.EPOCH + 1000);
        Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(a.nextId())).isTrue();
            assertThat(seen.add(b.nextId())).isTrue();
        }
    }

    @Test
    void idsKeepGrowingWhenTheClockStepsBack() {
        AtomicLong now = new AtomicLong(SnowflakeIdGenerator.EPOCH + 1_000_000);
        SnowflakeIdGenerator generator = new SnowflakeIdGenerator(3, now::get);
        long previous = generator.nextId();
        for (int i = 0; i < 20_000; i++) {
            if (i == 100) {
                now.addAndGet(-60_000); // NTP steps the clock back a minute
            }
            long id = generator.nextId();
            assertThat(id).isGreaterThan(previous);
            previous = id;
        }
    }

    @Test
    void sequenceOverflowMovesToTheNextMillisecondInsteadOfRepeating() {
        SnowflakeIdGenerator generator = new SnowflakeIdGenerator(5, () -> SnowflakeIdGenerator.EPOCH + 42);
        long previous = -1;
        for (int i = 0; i < 3 * 4096; i++) {
            long id = generator.nextId();
            assertThat(id).isGreaterThan(previous);
            assertThat(SnowflakeIdGenerator.workerIdOf(id)).isEqualTo(5);
            previous = id;
        }
    }

    @Test
    void encodesTimeAndWorker() {
        long at = SnowflakeIdGenerator.EPOCH + 123_456_789L;
        long id = new SnowflakeIdGenerator(1023, () -> at).nextId();
        assertThat(SnowflakeIdGenerator.workerIdOf(id)).isEqualTo(1023);
        assertThat(SnowflakeIdGenerator.timestampOf(id).toEpochMilli()).isEqualTo(at);
        assertThat(id).isPositive();
    }

    @Test
    void rejectsWorkerIdsOutOfRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SnowflakeIdGenerator(1024));
        assertThatIllegalArgumentException().isThrownBy(() -> new SnowflakeIdGenerator(-1));
    }
}
