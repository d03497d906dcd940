package dev.realtime.chat.gateway.history;

/**
 * A Cassandra read: messages with {@code fromExclusive < seq < toExclusive}, in the query's direction, at most
 * {@code limit} of them.
 */
public record SeqRange(HistoryQuery.Direction direction, long fromExclusive, long toExclusive, int limit) {
}
