package dev.realtime.chat.gateway.history;

import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.model.wire.MessagePage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The pure logic of history pages. Redis holds the newest messages (a cache: trimmed, possibly missing some, possibly
 * ahead of Cassandra); Cassandra holds everything persisted (possibly behind Redis). {@link #cassandraRange} decides
 * whether Redis's answer is complete for a page and, if not, what to read from Cassandra; {@link #merge} unions both
 * answers by seq (no duplicates) and cuts the page.
 */
public final class HistoryMerge {

    private HistoryMerge() {
    }

    /**
     * @param redis        what Redis returned for the query (at most limit + 1, in the query's order), or null when
     *                     Redis could not answer
     * @param redisLastSeq the conversation's seq counter in Redis, or null when missing or unknown
     * @return the Cassandra read still needed, or empty when Redis's answer is the whole page
     */
    public static Optional<SeqRange> cassandraRange(HistoryQuery query, List<ChatMessage> redis, Long redisLastSeq) {
        int wanted = query.limit() + 1;
        if (query.direction() == HistoryQuery.Direction.BEFORE) {
            SeqRange full = new SeqRange(query.direction(), 0, query.seq(), wanted);
            if (query.seq() <= 1) {
                return Optional.empty();
            }
            if (redis == null || redis.isEmpty() || !contiguous(redis)) {
                return Optional.of(full);
            }
            long highest = redis.get(0).seq();
            long lowest = redis.get(redis.size() - 1).seq();
            // A message just under the requested seq that Redis lacks (and that exists, the counter says so) is a
            // hole in the cache; above the counter there is nothing to miss.
            if (!query.newestPage() && highest != query.seq() - 1 && redisLastSeq != null
                    && query.seq() - 1 <= redisLastSeq) {
                return Optional.of(full);
            }
            if (redis.size() >= wanted || lowest <= 1) {
                return Optional.empty();
            }
            return Optional.of(new SeqRange(query.direction(), 0, lowest, wanted - redis.size()));
        }
        SeqRange full = new SeqRange(query.direction(), query.seq(), HistoryQuery.NEWEST, wanted);
        if (redis == null) {
            return Optional.of(full);
        }
        if (redis.isEmpty()) {
            return redisLastSeq != null && redisLastSeq <= query.seq() ? Optional.empty() : Optional.of(full);
        }
        if (!contiguous(redis)) {
            return Optional.of(full);
        }
        long lowest = redis.get(0).seq();
        if (lowest == query.seq() + 1) {
            return Optional.empty();
        }
        return Optional.of(new SeqRange(query.direction(), query.seq(), lowest, wanted));
    }

    /** Both answers as one page: unique by seq (Redis's copy wins), in the query's order, cut to the limit. */
    public static MessagePage merge(HistoryQuery query, List<ChatMessage> redis, List<ChatMessage> cassandra) {
        TreeMap<Long, ChatMessage> bySeq = new TreeMap<>();
        if (cassandra != null) {
            for (ChatMessage message : cassandra) {
                if (inRange(query, message)) {
                    bySeq.put(message.seq(), message);
                }
            }
        }
        if (redis != null) {
            for (ChatMessage message : redis) {
                if (inRange(query, message)) {
                    bySeq.put(message.seq(), message);
                }
            }
        }
        List<ChatMessage> ordered = new ArrayList<>(query.direction() == HistoryQuery.Direction.BEFORE
                ? bySeq.descendingMap().values() : bySeq.values());
        boolean hasMore = ordered.size() > query.limit();
        return new MessagePage(List.copyOf(hasMore ? ordered.subList(0, query.limit()) : ordered), hasMore);
    }

    private static boolean inRange(HistoryQuery query, ChatMessage message) {
        return query.direction() == HistoryQuery.Direction.BEFORE ? message.seq() < query.seq()
                : message.seq() > query.seq();
    }

    /** True when consecutive messages differ by exactly one seq (either order). */
    static boolean contiguous(List<ChatMessage> messages) {
        for (int i = 1; i < messages.size(); i++) {
            if (Math.abs(messages.get(i).seq() - messages.get(i - 1).seq()) != 1) {
                return false;
            }
        }
        return true;
    }

}
