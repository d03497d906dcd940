package dev.realtime.chat.gateway.conversation;

import dev.realtime.chat.gateway.system.ApiException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Who may read or change a conversation. Answers from the membership cache; a negative answer is checked against
 * Cassandra (the cache may be up to {@code chat.conversation.members-cache-ttl} behind another gateway's change)
 * before it becomes 404 (unknown conversation) or 403 (not a member).
 */
@Component
public class ConversationAccess {

    static final int MAX_ID_LENGTH = 64;

    private final ConversationMembers members;
    private final ConversationRepository repository;

    public ConversationAccess(ConversationMembers members, ConversationRepository repository) {
        this.members = members;
        this.repository = repository;
    }

    /** The members, once {@code userId} is known to be one of them. */
    public CompletableFuture<Set<String>> requireMember(String conversationId, String userId) {
        if (conversationId == null || conversationId.isBlank() || conversationId.length() > MAX_ID_LENGTH) {
            return CompletableFuture.failedFuture(ApiException.notFound("no such conversation"));
        }
        return members.members(conversationId).toCompletableFuture().thenCompose(cached -> {
            if (cached.contains(userId)) {
                return CompletableFuture.completedFuture(cached);
            }
            return repository.isMember(conversationId, userId).thenCompose(member -> {
                if (member) {
                    return repository.members(conversationId).thenApply(Set::copyOf);
                }
                return repository.find(conversationId).thenApply(conversation -> {
                    if (conversation == null) {
                        throw ApiException.notFound("no such conversation");
                    }
                    throw ApiException.forbidden("you are not a member of this conversation");
                });
            });
        });
    }
}
