package dev.realtime.chat.gateway.history;

import dev.realtime.chat.gateway.system.RedisGuard;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.topology.RedisKeys;
import dev.realtime.chat.model.wire.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads of the Redis recent-history ZSET {@code conv:<id>:history} (score = seq, member = Message JSON, written
 * by the delivery router) and of the seq counter {@code conv:<id>:seq}, through {@link RedisGuard} (timeout,
 * breaker). Calls issued together share the connection and are pipelined by Lettuce.
 */
@Component
public class RecentHistory {

    private static final Logger log = LoggerFactory.getLogger(RecentHistory.class);

    private final ReactiveStringRedisTemplate redis;
    private final RedisGuard guard;
    private final RedisKeys keys;

    public RecentHistory(ReactiveStringRedisTemplate redis, RedisGuard guard, RedisKeys keys) {
        this.redis = redis;
        this.guard = guard;
        this.keys = keys;
    }

    /** What the ZSET holds for the query, at most limit + 1 messages, in the query's order. */
    public CompletableFuture<List<ChatMessage>> page(String conversationId, HistoryQuery query) {
        String key = keys.conversationHistory(conversationId);
        Limit limit = Limit.limit().count(query.limit() + 1);
        if (query.direction() == HistoryQuery.Direction.BEFORE) {
            Range<Double> range = Range.of(Range.Bound.unbounded(), Range.Bound.exclusive((double) query.seq()));
            return guard.mono(() -> redis.opsForZSet().reverseRangeByScore(key, range, limit).collectList())
                    .thenApply(RecentHistory::parse);
        }
        Range<Double> range = Range.of(Range.Bound.exclusive((double) query.seq()), Range.Bound.unbounded());
        return guard.mono(() -> redis.opsForZSet().rangeByScore(key, range, limit).collectList())
                .thenApply(RecentHistory::parse);
    }

    /** The newest message the ZSET holds, or null. */
    public CompletableFuture<ChatMessage> latest(String conversationId) {
        String key = keys.conversationHistory(conversationId);
        return guard.mono(() -> redis.opsForZSet().reverseRange(key, Range.closed(0L, 0L))
                        .collectList())
                .thenApply(json -> {
                    List<ChatMessage> parsed = parse(json);
                    return parsed.isEmpty() ? null : parsed.get(0);
                });
    }

    /** The conversation's seq counter, or null when Redis does not have it. */
    public CompletableFuture<Long> lastSeq(String conversationId) {
        return guard.mono(() -> redis.opsForValue().get(keys.conversationSeq(conversationId)))
                .thenApply(RecentHistory::toLong);
    }

    /** A user's read watermark, or null when Redis does not have it. */
    public CompletableFuture<Long> readMark(String conversationId, String userId) {
        return guard.mono(() -> redis.<String, String>opsForHash().get(keys.conversationReadMarks(conversationId), userId))
                .thenApply(RecentHistory::toLong);
    }

    static Long toLong(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static List<ChatMessage> parse(List<String> json) {
        List<ChatMessage> messages = new ArrayList<>(json == null ? 0 : json.size());
        if (json == null) {
            return messages;
        }
        for (String entry : json) {
            try {
                messages.add(JsonCodec.fromJson(entry, ChatMessage.class));
            } catch (JsonCodec.MalformedPayloadException e) {
                log.debug("skipping a malformed history entry");
            }
        }
        return messages;
    }
}
