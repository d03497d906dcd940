package dev.realtime.chat.gateway.conversation;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.realtime.chat.gateway.system.Futures;
import dev.realtime.chat.gateway.system.RedisGuard;
import dev.realtime.chat.model.topology.RedisKeys;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Service;

/**
 * {@link ConversationMembers} in three tiers: an in-process Caffeine cache (short TTL, bounded) in front of the
 * Redis SET {@code conv:<id>:members} in front of Cassandra {@code conversation_members}. Never blocks: every
 * tier is async and has a timeout. Redis failing or slow means Cassandra answers; both failing means
 * {@link MembershipUnavailableException}. An unknown conversation is an empty set (cached in-process only).
 */
@Service
public class CachedConversationMembers implements ConversationMembers {

    private static final Logger log = LoggerFactory.getLogger(CachedConversationMembers.class);

    private final ReactiveStringRedisTemplate redis;
    private final RedisGuard redisGuard;
    private final RedisKeys keys;
    private final ConversationRepository repository;
    private final ConversationProperties properties;
    private final AsyncLoadingCache<String, Set<String>> cache;

    @Autowired
    public CachedConversationMembers(ReactiveStringRedisTemplate redis, RedisGuard redisGuard, RedisKeys keys,
            ConversationRepository repository, ConversationProperties properties,
            ObjectProvider<MeterRegistry> meterRegistry) {
        this(redis, redisGuard, keys, repository, properties);
        meterRegistry.ifAvailable(registry -> CaffeineCacheMetrics.monitor(registry, cache, "conversation-members"));
    }

    CachedConversationMembers(ReactiveStringRedisTemplate redis, RedisGuard redisGuard, RedisKeys keys,
            ConversationRepository repository, ConversationProperties properties) {
        this.redis = redis;
        this.redisGuard = redisGuard;
        this.keys = keys;
        this.repository = repository;
        this.properties = properties;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(properties.membersCacheTtl())
                .maximumSize(properties.membersCacheMaxSize())
                .executor(Runnable::run)
                .recordStats()
                .buildAsync((String conversationId, Executor executor) -> load(conversationId));
    }

    @Override
    public CompletionStage<Set<String>> members(String conversationId) {
        // A failed load completes with null (Caffeine drops the entry, so the next call retries, without logging a
        // stack trace per miss during an outage). A new stage: callers cannot complete the cache's own future.
        return cache.get(conversationId).thenApply(members -> {
            if (members == null) {
                throw new MembershipUnavailableException(conversationId, null);
            }
            return members;
        });
    }

    /** Forgets the member set here and in Redis; call after every membership change in Cassandra. */
    public CompletableFuture<Void> invalidate(String conversationId) {
        cache.synchronous().invalidate(conversationId);
        return redisGuard.mono(() -> redis.delete(keys.conversationMembers(conversationId)))
                .handle((deleted, error) -> {
                    if (error != null) {
                        log.warn("could not drop the Redis member set of a conversation ({}); it expires in {}",
                                error.getClass().getSimpleName(), properties.membersRedisTtl());
                    }
                    return null;
                });
    }

    private CompletableFuture<Set<String>> load(String conversationId) {
        String key = keys.conversationMembers(conversationId);
        return redisGuard.mono(() -> redis.opsForSet().members(key).collectList())
                .handle((cached, redisError) -> {
                    if (redisError == null && cached != null && !cached.isEmpty()) {
                        return CompletableFuture.<Set<String>>completedFuture(Set.copyOf(cached));
                    }
                    return fromCassandra(conversationId, redisError == null);
                })
                .thenCompose(future -> future);
    }

    private CompletableFuture<Set<String>> fromCassandra(String conversationId, boolean fillRedis) {
        CompletableFuture<Set<String>> result = new CompletableFuture<>();
        repository.members(conversationId, properties.membersCassandraTimeout()).whenComplete((members, error) -> {
            if (error != null) {
                log.debug("membership of {} unavailable: Redis {}, Cassandra failed", conversationId,
                        fillRedis ? "had no set" : "failed", Futures.unwrap(error));
                result.complete(null);
                return;
            }
            Set<String> immutable = Set.copyOf(new HashSet<>(members));
            if (fillRedis && !immutable.isEmpty()) {
                fill(conversationId, immutable);
            }
            result.complete(immutable);
        });
        return result;
    }

    private void fill(String conversationId, Set<String> members) {
        String key = keys.conversationMembers(conversationId);
        redisGuard.mono(() -> redis.opsForSet().add(key, members.toArray(String[]::new))
                        .then(redis.expire(key, properties.membersRedisTtl())))
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        log.debug("could not fill the Redis member set", error);
                    }
                });
    }
}
