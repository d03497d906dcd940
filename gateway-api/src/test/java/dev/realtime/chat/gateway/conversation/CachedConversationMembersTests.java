package dev.realtime.chat.gateway.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.realtime.chat.gateway.system.ApiProperties;
import dev.realtime.chat.gateway.system.RedisGuard;
import dev.realtime.chat.model.topology.RedisKeys;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.redis.core.ReactiveSetOperations;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class CachedConversationMembersTests {

    private static final RedisKeys KEYS = new RedisKeys("t:");
    private static final String KEY = KEYS.conversationMembers("c1");

    private final ReactiveStringRedisTemplate redis = mock(ReactiveStringRedisTemplate.class);
    @SuppressWarnings("unchecked")
    private final ReactiveSetOperations<String, String> sets = mock(ReactiveSetOperations.class);
    private final ConversationRepository repository = mock(ConversationRepository.class);
    private CachedConversationMembers members;

    @BeforeEach
    void setUp() {
        when(redis.opsForSet()).thenReturn(sets);
        when(redis.delete(anyString())).thenReturn(Mono.just(1L));
        when(redis.expire(anyString(), any(Duration.class))).thenReturn(Mono.just(true));
        when(sets.add(anyString(), any(String[].class))).thenReturn(Mono.just(1L));
        RedisGuard guard = new RedisGuard(
                new ApiProperties(Duration.ofMillis(100), Duration.ofSeconds(1), 100, 100, Duration.ofSeconds(5), 1, 10),
                new StaticListableBeanFactory().getBeanProvider(
                        io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry.class));
        members = new CachedConversationMembers(redis, guard, KEYS, repository,
                new ConversationProperties(Duration.ofMinutes(1), 1000, Duration.ofHours(1), Duration.ofSeconds(1), 500,
                        100));
    }

    private Set<String> membersOf(String conversationId) {
        return members.members(conversationId).toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Test
    void answersFromRedisAndThenFromTheProcessCache() {
        when(sets.members(KEY)).thenReturn(Flux.just("a", "b"));

        assertThat(membersOf("c1")).containsExactlyInAnyOrder("a", "b");
        assertThat(membersOf("c1")).containsExactlyInAnyOrder("a", "b");

        verify(sets, times(1)).members(KEY);
        verify(repository, never()).members(anyString(), any());
    }

    @Test
    void readsCassandraOnARedisMissAndFillsRedis() {
        when(sets.members(KEY)).thenReturn(Flux.empty());
        when(repository.members(eq("c1"), any())).thenReturn(CompletableFuture.completedFuture(Set.of("a", "b")));

        assertThat(membersOf("c1")).containsExactlyInAnyOrder("a", "b");

        verify(sets).add(eq(KEY), any(String[].class));
        verify(redis).expire(KEY, Duration.ofHours(1));
    }

    @Test
    void anUnknownConversationIsAnEmptySetAndIsNotWrittenToRedis() {
        when(sets.members(KEY)).thenReturn(Flux.empty());
        when(repository.members(eq("c1"), any())).thenReturn(CompletableFuture.completedFuture(Set.of()));

        assertThat(membersOf("c1")).isEmpty();

        verify(sets, never()).add(anyString(), any(String[].class));
    }

    @Test
    void readsCassandraWhenRedisFails() {
        when(sets.members(KEY)).thenReturn(Flux.error(new IllegalStateException("redis down")));
        when(repository.members(eq("c1"), any())).thenReturn(CompletableFuture.completedFuture(Set.of("a")));

        assertThat(membersOf("c1")).containsExactly("a");

        verify(sets, never()).add(anyString(), any(String[].class));
    }

    @Test
    void readsCassandraWhenRedisNeverAnswers() {
        when(sets.members(KEY)).thenReturn(Flux.never());
        when(repository.members(eq("c1"), any())).thenReturn(CompletableFuture.completedFuture(Set.of("a")));

        assertThat(membersOf("c1")).containsExactly("a");
    }

    @Test
    void failsWithMembershipUnavailableWhenNeitherAnswers() {
        when(sets.members(KEY)).thenReturn(Flux.error(new IllegalStateException("redis down")));
        when(repository.members(eq("c1"), any()))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("cassandra down")));

        assertThatThrownBy(() -> membersOf("c1")).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(MembershipUnavailableException.class)
                .satisfies(e -> assertThat(((MembershipUnavailableException) e).conversationId()).isEqualTo("c1"));
    }

    @Test
    void aFailureIsNotCachedSoTheNextCallTriesAgain() {
        when(sets.members(KEY)).thenReturn(Flux.error(new IllegalStateException("redis down")), Flux.just("a"));
        when(repository.members(eq("c1"), any()))
                .thenReturn(CompletableFuture.failedFuture(new IllegalStateException("cassandra down")));

        assertThatThrownBy(() -> membersOf("c1")).isInstanceOf(CompletionException.class);
        assertThat(membersOf("c1")).containsExactly("a");
    }

    @Test
    void invalidatingForgetsTheSetHereAndInRedis() {
        when(sets.members(KEY)).thenReturn(Flux.just("a"), Flux.just("a", "b"));

        assertThat(membersOf("c1")).containsExactly("a");
        members.invalidate("c1").join();
        assertThat(membersOf("c1")).containsExactlyInAnyOrder("a", "b");

        verify(redis).delete(KEY);
    }

    @Test
    void callersCannotCorruptTheCachedAnswer() {
        when(sets.members(KEY)).thenReturn(Flux.just("a"));
        CompletableFuture<Set<String>> first = members.members("c1").toCompletableFuture();
        first.obtrudeValue(Set.of("intruder"));

        assertThat(membersOf("c1")).containsExactly("a");
    }
}
