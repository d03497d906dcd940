package dev.realtime.chat.model.id;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Snowflake-style 63-bit ids: 41 bits of milliseconds since {@link #EPOCH}, 10 bits of worker id, 12 bits of
 * sequence. Unique across threads (lock-free CAS) and across instances (distinct worker ids); strictly
 * increasing per instance. When the clock steps back, ids keep growing from the last timestamp used (the
 * sequence overflows into the timestamp), so nothing blocks and nothing repeats.
 */
public final class SnowflakeIdGenerator {

    /** 2024-01-01T00:00:00Z. */
    public static final long EPOCH = 1_704_067_200_000L;
    public static final int WORKER_BITS = 10;
    public static final int SEQUENCE_BITS = 12;
    public static final int MAX_WORKER_ID = (1 << WORKER_BITS) - 1;

    private final long workerId;
    private final LongSupplier clock;
    /** Last (timestamp << SEQUENCE_BITS | sequence) handed out. */
    private final AtomicLong last = new AtomicLong();

    public SnowflakeIdGenerator(int workerId) {
        this(workerId, System::currentTimeMillis);
    }

    public SnowflakeIdGenerator(int workerId, LongSupplier clock) {
        if (workerId < 0 || workerId > MAX_WORKER_ID) {
            throw new IllegalArgumentException("workerId must be 0.." + MAX_WORKER_ID + ", was " + workerId);
        }
        this.workerId = workerId;
        this.clock = clock;
    }

    public long nextId() {
        long now = clock.getAsLong() - EPOCH;
        while (true) {
            long previous = last.get();
            long candidate = (now > previous >>> SEQUENCE_BITS) ? now << SEQUENCE_BITS : previous + 1;
            if (last.compareAndSet(previous, candidate)) {
                long timestamp = candidate >>> SEQUENCE_BITS;
                long sequence = candidate & ((1L << SEQUENCE_BITS) - 1);
                return (timestamp << (WORKER_BITS + SEQUENCE_BITS)) | (workerId << SEQUENCE_BITS) | sequence;
            }
        }
    }

    public String nextIdString() {
        return Long.toString(nextId());
    }

    public static int workerIdOf(long id) {
        return (int) ((id >>> SEQUENCE_BITS) & MAX_WORKER_ID);
    }

    public static Instant timestampOf(long id) {
        return Instant.ofEpochMilli((id >>> (WORKER_BITS + SEQUENCE_BITS)) + EPOCH);
    }
}
