package dev.realtime.chat.gateway.conversation;

import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Who is in a conversation, for the send path. Answers from an in-process cache in front of the Redis set
 * {@code conv:<id>:members} in front of Cassandra; never blocks the calling thread.
 */
public interface ConversationMembers {

    /**
     * The member ids, or an empty set when the conversation does not exist. Completes exceptionally with
     * {@link MembershipUnavailableException} when neither Redis nor Cassandra can answer.
     */
    CompletionStage<Set<String>> members(String conversationId);
}
