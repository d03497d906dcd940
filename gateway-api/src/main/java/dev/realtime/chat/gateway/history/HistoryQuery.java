package dev.realtime.chat.gateway.history;

/**
 * One page request: {@code BEFORE} = messages with seq &lt; {@code seq}, newest first; {@code AFTER} = messages
 * with seq &gt; {@code seq}, oldest first. The newest page is {@code BEFORE} {@link #NEWEST}.
 */
public record HistoryQuery(Direction direction, long seq, int limit) {

    public static final long NEWEST = Long.MAX_VALUE;

    public enum Direction {
        BEFORE, AFTER
    }

    public HistoryQuery {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
    }

    public static HistoryQuery before(long seq, int limit) {
        return new HistoryQuery(Direction.BEFORE, seq, limit);
    }

    public static HistoryQuery after(long seq, int limit) {
        return new HistoryQuery(Direction.AFTER, seq, limit);
    }

    public boolean newestPage() {
        return direction == Direction.BEFORE && seq == NEWEST;
    }
}
