package dev.realtime.chat.loadtest.ledger;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Exact millisecond histogram up to {@code maxTrackedMillis} (one counter per millisecond; larger values share
 * the last bucket, the maximum is kept exactly). Lock-free: many virtual users record into it concurrently.
 */
public final class LatencyHistogram {

    private final AtomicLongArray buckets;
    private final LongAdder count = new LongAdder();
    private final LongAdder sum = new LongAdder();
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    public LatencyHistogram(int maxTrackedMillis) {
        if (maxTrackedMillis < 1) {
            throw new IllegalArgumentException("maxTrackedMillis must be >= 1");
        }
        this.buckets = new AtomicLongArray(maxTrackedMillis + 1);
    }

    public LatencyHistogram() {
        this(120_000);
    }

    /** Negative values (clock steps) count as 0 ms. */
    public void record(long millis) {
        long value = Math.max(0, millis);
        buckets.incrementAndGet((int) Math.min(value, buckets.length() - 1));
        count.increment();
        sum.add(value);
        max.accumulate(value);
    }

    public long count() {
        return count.sum();
    }

    public long max() {
        return max.get();
    }

    public double mean() {
        long n = count();
        return n == 0 ? 0 : (double) sum.sum() / n;
    }

    /**
     * The smallest value v such that at least {@code percentile}% of the recorded values are <= v (nearest rank);
     * 0 when empty.
     */
    public long percentile(double percentile) {
        if (percentile <= 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]");
        }
        long n = count();
        if (n == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile * n / 100.0 - 1e-9));
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                return i == buckets.length() - 1 ? max() : i;
            }
        }
        return max();
    }

    public Snapshot snapshot() {
        return new Snapshot(count(), percentile50(), percentileOrZero(95), percentileOrZero(99), percentileOrZero(99.9),
                max(), Math.round(mean() * 100) / 100.0);
    }

    private long percentile50() {
        return percentileOrZero(50);
    }

    private long percentileOrZero(double p) {
        return count() == 0 ? 0 : percentile(p);
    }

    /** Milliseconds. */
    public record Snapshot(long count, long p50, long p95, long p99, long p999, long max, double mean) {
    }
}
