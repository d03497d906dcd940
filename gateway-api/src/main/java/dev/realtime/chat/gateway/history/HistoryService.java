package dev.realtime.chat.gateway.history;

import dev.realtime.chat.gateway.conversation.ConversationAccess;
import dev.realtime.chat.gateway.conversation.ConversationRepository;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.model.wire.MessagePage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * History pages: Redis recent history first; Cassandra for whatever Redis cannot answer (older than it holds, holes,
 * Redis down); both merged without duplicates ({@link HistoryMerge}).
 */
@Service
public class HistoryService {

    private final ConversationAccess access;
    private final RecentHistory recent;
    private final MessageStore store;
    private final ConversationRepository conversations;
    private final Counter redisPages;
    private final Counter cassandraPages;

    public HistoryService(ConversationAccess access, RecentHistory recent, MessageStore store,
            ConversationRepository conversations, ObjectProvider<MeterRegistry> meterRegistry) {
        this.access = access;
        this.recent = recent;
        this.store = store;
        this.conversations = conversations;
        MeterRegistry registry = meterRegistry.getIfAvailable(SimpleMeterRegistry::new);
        this.redisPages = Counter.builder("chat.history.pages").tag("source", "redis")
                .description("history pages answered by the Redis recent history alone").register(registry);
        this.cassandraPages = Counter.builder("chat.history.pages").tag("source", "cassandra")
                .description("history pages that needed Cassandra (older than Redis holds, holes, Redis down)")
                .register(registry);
    }

    /** A page for a member; 404 unknown conversation, 403 not a member. */
    public CompletableFuture<MessagePage> page(String userId, String conversationId, HistoryQuery query) {
        return access.requireMember(conversationId, userId).thenCompose(members -> read(conversationId, query));
    }

    /** A page, without the membership check. */
    public CompletableFuture<MessagePage> read(String conversationId, HistoryQuery query) {
        CompletableFuture<List<ChatMessage>> fromRedis = recent.page(conversationId, query).exceptionally(error -> null);
        CompletableFuture<Long> redisSeq = recent.lastSeq(conversationId).exceptionally(error -> null);
        return fromRedis.thenCombine(redisSeq, (redis, seq) -> {
            Optional<SeqRange> missing = HistoryMerge.cassandraRange(query, redis, seq);
            if (missing.isEmpty()) {
                redisPages.increment();
                return CompletableFuture.completedFuture(HistoryMerge.merge(query, redis, List.of()));
            }
            cassandraPages.increment();
            long known = Math.max(seq == null ? 0 : seq, highestSeq(redis));
            CompletableFuture<Long> top = seq != null ? CompletableFuture.completedFuture(known)
                    : conversations.activity(conversationId).thenApply(activity -> Math.max(known, activity.lastSeq()));
            return top.thenCompose(knownTop -> store.range(conversationId, missing.get(), knownTop))
                    .thenApply(cassandra -> HistoryMerge.merge(query, redis, cassandra));
        }).thenCompose(page -> page);
    }

    /** The newest message at or below {@code lastSeq}: Redis, else Cassandra; null when there is none. */
    public CompletableFuture<ChatMessage> latest(String conversationId, long lastSeq) {
        return recent.latest(conversationId).exceptionally(error -> null).thenCompose(message -> {
            if (message != null || lastSeq <= 0) {
                return CompletableFuture.completedFuture(message);
            }
            SeqRange newest = new SeqRange(HistoryQuery.Direction.BEFORE, 0, lastSeq + 1, 1);
            return store.range(conversationId, newest, lastSeq)
                    .thenApply(messages -> messages.isEmpty() ? null : messages.get(0));
        });
    }

    private static long highestSeq(List<ChatMessage> messages) {
        long highest = 0;
        if (messages != null) {
            for (ChatMessage message : messages) {
                highest = Math.max(highest, message.seq());
            }
        }
        return highest;
    }
}
