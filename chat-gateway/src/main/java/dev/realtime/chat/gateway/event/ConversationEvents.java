package dev.realtime.chat.gateway.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import dev.realtime.chat.gateway.conversation.ConversationMembers;
import dev.realtime.chat.gateway.session.SessionMessenger;
import dev.realtime.chat.gateway.websocket.FrameBodies;
import dev.realtime.chat.gateway.websocket.InvalidFrameException;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.EventEnvelope;
import dev.realtime.chat.model.wire.ErrorCode;
import dev.realtime.chat.model.wire.ReceiptEvent;
import dev.realtime.chat.model.wire.ReceiptKind;
import dev.realtime.chat.model.wire.TypingEvent;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * {@code /app/chat.typing} and {@code /app/chat.receipt}: members only; the event goes to the conversation's
 * members (typing: except the typist) through the delivery shard. A receipt of kind {@code read} also raises the
 * reader's watermark in Redis.
 */
class ConversationEvents {

    static final int MAX_ID_LENGTH = 128;

    private final ConversationMembers members;
    private final EventBatchPublisher publisher;
    private final ReadMarks readMarks;
    private final SessionMessenger messenger;

    ConversationEvents(ConversationMembers members, EventBatchPublisher publisher, ReadMarks readMarks,
            SessionMessenger messenger) {
        this.members = members;
        this.publisher = publisher;
        this.readMarks = readMarks;
        this.messenger = messenger;
    }

    void typing(AuthenticatedUser user, String sessionId, byte[] body) {
        String conversationId;
        try {
            conversationId = FrameBodies.requiredId(FrameBodies.readObject(body), "conversationId", MAX_ID_LENGTH,
                    null);
        } catch (InvalidFrameException e) {
            messenger.error(sessionId, ErrorCode.INVALID_REQUEST, e.getMessage(), null);
            return;
        }
        asMember(user, sessionId, conversationId, memberIds -> publisher.publish(new EventEnvelope(conversationId,
                List.copyOf(memberIds), user.userId(), JsonCodec.toJson(new TypingEvent(conversationId,
                        user.userId())))));
    }

    void receipt(AuthenticatedUser user, String sessionId, byte[] body) {
        String conversationId;
        ReceiptKind kind;
        long seq;
        try {
            JsonNode root = FrameBodies.readObject(body);
            conversationId = FrameBodies.requiredId(root, "conversationId", MAX_ID_LENGTH, null);
            String kindText = FrameBodies.text(root, "kind", null);
            if ("delivered".equals(kindText)) {
                kind = ReceiptKind.DELIVERED;
            } else if ("read".equals(kindText)) {
                kind = ReceiptKind.READ;
            } else {
                throw new InvalidFrameException("kind must be delivered or read", null);
            }
            JsonNode seqNode = root.get("seq");
            if (seqNode == null || !seqNode.canConvertToExactIntegral() || !seqNode.canConvertToLong()
                    || seqNode.asLong() < 1) {
                throw new InvalidFrameException("seq must be a positive integer", null);
            }
            seq = seqNode.asLong();
        } catch (InvalidFrameException e) {
            messenger.error(sessionId, ErrorCode.INVALID_REQUEST, e.getMessage(), null);
            return;
        }
        asMember(user, sessionId, conversationId, memberIds -> {
            publisher.publish(new EventEnvelope(conversationId, List.copyOf(memberIds), null,
                    JsonCodec.toJson(new ReceiptEvent(conversationId, user.userId(), kind, seq))));
            if (kind == ReceiptKind.READ) {
                readMarks.raise(conversationId, user.userId(), seq).whenComplete((raised, error) -> {
                    if (error != null) {
                        messenger.error(sessionId, ErrorCode.UNAVAILABLE, "the read mark could not be stored now",
                                null);
                    }
                });
            }
        });
    }

    private void asMember(AuthenticatedUser user, String sessionId, String conversationId,
            Consumer<Set<String>> action) {
        CompletableFuture<Set<String>> lookup;
        try {
            lookup = members.members(conversationId).toCompletableFuture();
        } catch (RuntimeException e) {
            lookup = CompletableFuture.failedFuture(e);
        }
        lookup.whenComplete((memberIds, error) -> {
            if (error != null) {
                messenger.error(sessionId, ErrorCode.UNAVAILABLE, "membership cannot be checked now", null);
            } else if (memberIds == null || memberIds.isEmpty()) {
                messenger.error(sessionId, ErrorCode.NOT_FOUND, "conversation not found", null);
            } else if (!memberIds.contains(user.userId())) {
                messenger.error(sessionId, ErrorCode.FORBIDDEN, "not a member of this conversation", null);
            } else {
                action.accept(memberIds);
            }
        });
    }
}
