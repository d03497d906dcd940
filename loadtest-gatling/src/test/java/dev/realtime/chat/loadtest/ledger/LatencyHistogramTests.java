package dev.realtime.chat.loadtest.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencyHistogramTests {

    @Test
    void percentilesUseNearestRank() {
        LatencyHistogram histogram = new LatencyHistogram(1000);
        IntStream.rangeClosed(1, 100).forEach(histogram::record);

        assertThat(histogram.percentile(50)).isEqualTo(50);
        assertThat(histogram.percentile(95)).isEqualTo(95);
        assertThat(histogram.percentile(99)).isEqualTo(99);
        assertThat(histogram.percentile(100)).isEqualTo(100);
        assertThat(histogram.count()).isEqualTo(100);
        assertThat(histogram.max()).isEqualTo(100);
        assertThat(histogram.mean()).isEqualTo(50.5);
    }

    @Test
    void valuesAboveTheTrackedRangeKeepTheirExactMaximum() {
        LatencyHistogram histogram = new LatencyHistogram(10);
        histogram.record(1);
        histogram.record(5_000);

        assertThat(histogram.percentile(100)).isEqualTo(5_000);
        assertThat(histogram.percentile(50)).isEqualTo(1);
        assertThat(histogram.max()).isEqualTo(5_000);
    }

    @Test
    void negativeValuesCountAsZero() {
        LatencyHistogram histogram = new LatencyHistogram(10);
        histogram.record(-3);

        assertThat(histogram.percentile(99)).isZero();
        assertThat(histogram.count()).isOne();
    }

    @Test
    void emptySnapshotIsAllZeros() {
        LatencyHistogram.Snapshot snapshot = new LatencyHistogram().snapshot();

        assertThat(snapshot).isEqualTo(new LatencyHistogram.Snapshot(0, 0, 0, 0, 0, 0, 0.0));
    }

    @Test
    void snapshotReportsTheStandardPercentiles() {
        LatencyHistogram histogram = new LatencyHistogram(2000);
        IntStream.rangeClosed(1, 1000).forEach(histogram::record);

        LatencyHistogram.Snapshot snapshot = histogram.snapshot();

        assertThat(snapshot.p50()).isEqualTo(500);
        assertThat(snapshot.p95()).isEqualTo(950);
        assertThat(snapshot.p99()).isEqualTo(990);
        assertThat(snapshot.p999()).isEqualTo(999);
        assertThat(snapshot.max()).isEqualTo(1000);
    }

    @Test
    void recordsConcurrentlyWithoutLosingCounts() throws InterruptedException {
        LatencyHistogram histogram = new LatencyHistogram(100);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> IntStream.range(0, 10_000).forEach(i -> histogram.record(i % 100)));
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(histogram.count()).isEqualTo(40_000);
        assertThat(histogram.percentile(100)).isEqualTo(99);
    }

    @Test
    void rejectsPercentilesOutsideTheRange() {
        LatencyHistogram histogram = new LatencyHistogram(10);
        assertThatThrownBy(() -> histogram.percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> histogram.percentile(100.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
