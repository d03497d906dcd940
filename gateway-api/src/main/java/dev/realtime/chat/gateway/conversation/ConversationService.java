package dev.realtime.chat.gateway.conversation;

import dev.realtime.chat.gateway.system.ApiException;
import dev.realtime.chat.gateway.user.UserRepository;
import dev.realtime.chat.model.id.SnowflakeIdGenerator;
import dev.realtime.chat.model.wire.ConversationType;
import dev.realtime.chat.model.wire.ConversationView;
import dev.realtime.chat.model.wire.CreateConversation;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Creating conversations and changing their membership. A direct conversation is one per pair, claimed with a
 * lightweight transaction on {@code direct_conversations}; every membership change invalidates the member caches.
 */
@Service
public class ConversationService {

    private static final Logger log = LoggerFactory.getLogger(ConversationService.class);

    private final ConversationRepository repository;
    private final CachedConversationMembers members;
    private final ConversationAccess access;
    private final ConversationViews views;
    private final UserRepository users;
    private final SnowflakeIdGenerator ids;
    private final ConversationProperties properties;
    private final Clock clock = Clock.systemUTC();

    public ConversationService(ConversationRepository repository, CachedConversationMembers members,
            ConversationAccess access, ConversationViews views, UserRepository users, SnowflakeIdGenerator ids,
            ConversationProperties properties) {
        this.repository = repository;
        this.members = members;
        this.access = access;
        this.views = views;
        this.users = users;
        this.ids = ids;
        this.properties = properties;
    }

    public CompletableFuture<ConversationView> create(String creatorId, CreateConversation request) {
        if (request == null || request.type() == null) {
            throw ApiException.invalid("type must be direct or group");
        }
        return request.type() == ConversationType.DIRECT ? createDirect(creatorId, request)
                : createGroup(creatorId, request);
    }

    private CompletableFuture<ConversationView> createDirect(String creatorId, CreateConversation request) {
        Set<String> others = ConversationRules.memberIds(request.memberIds(), properties.maxGroupSize());
        others.remove(creatorId);
        if (others.size() != 1) {
            throw ApiException.invalid("a direct conversation needs exactly one other member in memberIds");
        }
        String other = others.iterator().next();
        String low = creatorId.compareTo(other) < 0 ? creatorId : other;
        String high = low.equals(creatorId) ? other : creatorId;
        List<String> pair = List.of(low, high);
        return requireUsers(Set.of(other)).thenCompose(ignored -> {
            String candidate = ids.nextIdString();
            Instant now = now();
            ConversationRecord record = new ConversationRecord(candidate, ConversationType.DIRECT, null, creatorId, now);
            // Row and members exist before the pair is claimed, so a concurrent loser that reads the winner's id
            // always finds a complete conversation.
            return repository.insert(record)
                    .thenCompose(done -> repository.addMembersOneWay(candidate, pair, now))
                    .thenCompose(done -> repository.claimDirect(low, high, candidate))
                    .thenCompose(winner -> {
                        if (winner.equals(candidate)) {
                            return repository.addMembers(candidate, pair, now).thenApply(done -> record);
                        }
                        discard(candidate, pair);
                        return repository.find(winner).thenCompose(existing -> {
                            if (existing == null) {
                                throw new IllegalStateException("direct conversation claimed without its row");
                            }
                            // Idempotent repair of the user -> conversation direction, should the winner have died.
                            return repository.addMembers(winner, pair, existing.createdAt()).thenApply(done -> existing);
                        });
                    });
        }).thenCompose(conversation -> members.invalidate(conversation.id())
                .thenCompose(done -> views.view(conversation, pair, creatorId)));
    }

    private void discard(String candidate, List<String> pair) {
        CompletableFuture<Void> cleanup = repository.delete(candidate);
        for (String userId : pair) {
            cleanup = cleanup.thenCompose(done -> repository.removeMember(candidate, userId));
        }
        cleanup.whenComplete((done, error) -> {
            if (error != null) {
                log.debug("could not discard an unused direct conversation candidate", error);
            }
        });
    }

    private CompletableFuture<ConversationView> createGroup(String creatorId, CreateConversation request) {
        String name = ConversationRules.groupName(request.name(), properties.maxNameLength());
        Set<String> memberIds = ConversationRules.memberIds(request.memberIds(), properties.maxGroupSize());
        Set<String> others = new LinkedHashSet<>(memberIds);
        others.remove(creatorId);
        Set<String> all = new LinkedHashSet<>();
        all.add(creatorId);
        all.addAll(others);
        if (all.size() > properties.maxGroupSize()) {
            throw ApiException.invalid("a group has at most " + properties.maxGroupSize() + " members");
        }
        return requireUsers(others).thenCompose(ignored -> {
            Instant now = now();
            ConversationRecord record = new ConversationRecord(ids.nextIdString(), ConversationType.GROUP, name,
                    creatorId, now);
            return repository.insert(record)
                    .thenCompose(done -> repository.addMembers(record.id(), all, now))
                    .thenCompose(done -> members.invalidate(record.id()))
                    .thenCompose(done -> views.view(record, all, creatorId));
        });
    }

    public CompletableFuture<ConversationView> get(String userId, String conversationId) {
        return access.requireMember(conversationId, userId).thenCompose(memberIds -> repository.find(conversationId)
                .thenCompose(conversation -> {
                    if (conversation == null) {
                        throw ApiException.notFound("no such conversation");
                    }
                    return views.view(conversation, memberIds, userId);
                }));
    }

    public CompletableFuture<List<ConversationView>> listOf(String userId) {
        return repository.conversationIdsOf(userId).thenCompose(conversationIds -> {
            List<CompletableFuture<ConversationViews.Ranked>> ranked = conversationIds.stream()
                    .map(id -> repository.find(id).thenCompose(conversation -> conversation == null
                            ? CompletableFuture.<ConversationViews.Ranked>completedFuture(null)
                            : members.members(id).toCompletableFuture()
                                    .thenCompose(memberIds -> views.ranked(conversation, memberIds, userId))))
                    .toList();
            return views.newestFirst(ranked);
        });
    }

    public CompletableFuture<ConversationView> addMembers(String callerId, String conversationId, List<String> userIds) {
        Set<String> requested = ConversationRules.memberIds(userIds, properties.maxGroupSize());
        if (requested.isEmpty()) {
            throw ApiException.invalid("userIds must name at least one user");
        }
        return access.requireMember(conversationId, callerId).thenCompose(current -> repository.find(conversationId)
                .thenCompose(conversation -> {
                    if (conversation == null) {
                        throw ApiException.notFound("no such conversation");
                    }
                    if (conversation.type() != ConversationType.GROUP) {
                        throw ApiException.invalid("members can only be added to group conversations");
                    }
                    Set<String> added = new LinkedHashSet<>(requested);
                    added.removeAll(current);
                    Set<String> after = new LinkedHashSet<>(current);
                    after.addAll(added);
                    if (after.size() > properties.maxGroupSize()) {
                        throw ApiException.invalid("a group has at most " + properties.maxGroupSize() + " members");
                    }
                    return requireUsers(added)
                            .thenCompose(ignored -> repository.addMembers(conversationId, added, now()))
                            .thenCompose(done -> members.invalidate(conversationId))
                            .thenCompose(done -> views.view(conversation, after, callerId));
                }));
    }

    /** Leave (target = caller), or remove someone else (only the group's creator). */
    public CompletableFuture<Void> removeMember(String callerId, String conversationId, String targetId) {
        return access.requireMember(conversationId, callerId).thenCompose(current -> repository.find(conversationId)
                .thenCompose(conversation -> {
                    if (conversation == null) {
                        throw ApiException.notFound("no such conversation");
                    }
                    if (conversation.type() != ConversationType.GROUP) {
                        throw ApiException.forbidden("nobody can leave or be removed from a direct conversation");
                    }
                    if (!callerId.equals(targetId) && !callerId.equals(conversation.createdBy())) {
                        throw ApiException.forbidden("only the group's creator can remove other members");
                    }
                    if (!current.contains(targetId)) {
                        throw ApiException.notFound("that user is not a member of this conversation");
                    }
                    return repository.removeMember(conversationId, targetId)
                            .thenCompose(done -> members.invalidate(conversationId));
                }));
    }

    private CompletableFuture<Void> requireUsers(Set<String> userIds) {
        if (userIds.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return users.existing(userIds).thenApply(existing -> {
            if (!existing.containsAll(userIds)) {
                throw ApiException.invalid("memberIds name unknown users");
            }
            return null;
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

}
