package dev.realtime.chat.gateway.publish;

import dev.realtime.chat.model.wire.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat message between its seq and the broker's confirm, with the sessions waiting for its outcome: the
 * sending session, and any session that resent the same clientMessageId meanwhile ({@link #join}).
 */
public final class PendingMessage {

    private final String idempotencyKey;
    private final List<String> memberIds;
    private final List<Requester> requesters = new ArrayList<>(1);
    private volatile ChatMessage message;
    private boolean finished;

    public PendingMessage(String idempotencyKey, ChatMessage message, List<String> memberIds, Requester first) {
        this.idempotencyKey = idempotencyKey;
        this.message = message;
        this.memberIds = memberIds;
        this.requesters.add(first);
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public ChatMessage message() {
        return message;
    }

    public List<String> memberIds() {
        return memberIds;
    }

    public String conversationId() {
        return message.conversationId();
    }

    /** The message to publish: the candidate with the seq Redis gave it, or the one stored by a first send. */
    public void settle(ChatMessage settled) {
        this.message = settled;
    }

    /** Adds a session to answer; false when the outcome was already delivered (the caller must start anew). */
    public synchronized boolean join(Requester requester) {
        if (finished) {
            return false;
        }
        requesters.add(requester);
        return true;
    }

    /** Ends the wait: the sessions to answer, once. */
    public synchronized List<Requester> finish() {
        if (finished) {
            return List.of();
        }
        finished = true;
        return List.copyOf(requesters);
    }

    /** Estimated JSON bytes in a batch, for the batch byte cap. */
    public int estimatedBytes() {
        ChatMessage m = message;
        return 160 + m.content().length() * 2 + m.conversationId().length() + m.clientMessageId().length()
                + memberIds.size() * 24;
    }
}
