package dev.realtime.chat.gateway.message;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import dev.realtime.chat.gateway.conversation.ConversationMembers;
import dev.realtime.chat.gateway.publish.MessagePublisher;
import dev.realtime.chat.gateway.publish.PendingMessage;
import dev.realtime.chat.gateway.publish.Requester;
import dev.realtime.chat.gateway.session.SessionMessenger;
import dev.realtime.chat.gateway.websocket.InvalidFrameException;
import dev.realtime.chat.model.id.SnowflakeIdGenerator;
import dev.realtime.chat.model.topology.RedisKeys;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.model.wire.ErrorCode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The send path of {@code /app/chat.send}, without blocking a thread anywhere:
 * parse &rarr; membership (async) &rarr; one Lua call for idempotency + seq &rarr; the batching publisher &rarr;
 * ack after the broker's confirm ({@link AckDispatcher}). Every failure answers the sending session on
 * {@code /user/queue/errors} with a code and the clientMessageId; nothing is published and the session stays usable.
 */
class ChatSendService {

    private final ConversationMembers members;
    private final SendLedger ledger;
    private final MessagePublisher publisher;
    private final InFlightMessages inFlight;
    private final AckDispatcher outcomes;
    private final SessionMessenger messenger;
    private final SessionSendOrder order;
    private final SnowflakeIdGenerator ids;
    private final RedisKeys keys;
    private final SendMetrics metrics;
    private final Supplier<Instant> clock;
    private volatile boolean accepting = true;

    ChatSendService(ConversationMembers members, SendLedger ledger, MessagePublisher publisher,
            InFlightMessages inFlight, AckDispatcher outcomes, SessionMessenger messenger, SessionSendOrder order,
            SnowflakeIdGenerator ids, RedisKeys keys, SendMetrics metrics, Supplier<Instant> clock) {
        this.members = members;
        this.ledger = ledger;
        this.publisher = publisher;
        this.inFlight = inFlight;
        this.outcomes = outcomes;
        this.messenger = messenger;
        this.order = order;
        this.ids = ids;
        this.keys = keys;
        this.metrics = metrics;
        this.clock = clock;
    }

    void send(AuthenticatedUser sender, String sessionId, byte[] body) {
        long start = System.nanoTime();
        metrics.received();
        SendRequest request;
        try {
            request = SendRequestParser.parse(body);
        } catch (InvalidFrameException e) {
            reject(sessionId, ErrorCode.INVALID_REQUEST, e.getMessage(), e.clientMessageId());
            return;
        }
        if (!accepting) {
            reject(sessionId, ErrorCode.UNAVAILABLE, "the gateway is shutting down; reconnect and resend",
                    request.clientMessageId());
            return;
        }
        Requester requester = new Requester(sender.userId(), sessionId);
        String idempotencyKey = keys.idempotency(sender.userId(), request.clientMessageId());
        if (inFlight.join(idempotencyKey, requester)) {
            return; // a resend while the first send is in flight here: answered with the first one's outcome
        }
        CompletableFuture<Set<String>> memberIds;
        try {
            memberIds = members.members(request.conversationId()).toCompletableFuture();
        } catch (RuntimeException e) {
            memberIds = CompletableFuture.failedFuture(e);
        }
        order.then(sessionId, memberIds,
                (ids, error) -> accept(sender, requester, idempotencyKey, request, ids, error, start));
    }

    private SessionSendOrder.Issued accept(AuthenticatedUser sender, Requester requester, String idempotencyKey,
            SendRequest request, Set<String> memberIds, Throwable membershipError, long start) {
        if (membershipError != null) {
            reject(requester.sessionId(), ErrorCode.UNAVAILABLE, "membership cannot be checked now; resend later",
                    request.clientMessageId());
            return null;
        }
        if (memberIds == null || memberIds.isEmpty()) {
            reject(requester.sessionId(), ErrorCode.NOT_FOUND, "conversation not found", request.clientMessageId());
            return null;
        }
        if (!memberIds.contains(sender.userId())) {
            reject(requester.sessionId(), ErrorCode.FORBIDDEN, "not a member of this conversation",
                    request.clientMessageId());
            return null;
        }
        ChatMessage candidate = new ChatMessage(ids.nextIdString(), request.conversationId(),
                MessageTemplate.PLACEHOLDER_SEQ, sender.userId(), request.content(),
                clock.get().truncatedTo(ChronoUnit.MILLIS), request.clientMessageId());
        PendingMessage pending = new PendingMessage(idempotencyKey, candidate, List.copyOf(memberIds), requester);
        if (!inFlight.claim(pending, requester)) {
            return null;
        }
        MessageTemplate template = MessageTemplate.of(candidate);
        long issued = System.nanoTime();
        boolean pipelined = ledger.counterKnown(request.conversationId());
        CompletableFuture<?> allocation = ledger.allocate(request.conversationId(), idempotencyKey,
                IdempotencyRecord.PENDING + template.prefix(), template.suffix(), (outcome, error) -> {
                    // On the Redis event loop, in seq order: what is offered to the publisher keeps that order.
                    metrics.allocated(issued);
                    metrics.accepted(start);
                    if (error != null) {
                        outcomes.fail(pending, ErrorCode.UNAVAILABLE, AckDispatcher.UNAVAILABLE_MESSAGE);
                    } else if (outcome instanceof SendLedger.Assigned assigned) {
                        pending.settle(withSeq(candidate, assigned.seq()));
                        publishOrFail(pending);
                    } else if (outcome instanceof SendLedger.Duplicate duplicate) {
                        if (duplicate.record().confirmed()) {
                            outcomes.ack(pending, duplicate.record().message());
                        } else {
                            pending.settle(duplicate.record().message()); // never confirmed: the same message again
                            publishOrFail(pending);
                        }
                    }
                });
        // Pipelined: the session's next send is issued now (Redis answers in order); else it waits for this answer.
        return pipelined ? SessionSendOrder.Issued.pipelined(allocation) : SessionSendOrder.Issued.barrier(allocation);
    }

    private void publishOrFail(PendingMessage pending) {
        if (!publisher.publish(pending)) {
            // Backlog full: the seq stays assigned to this (pending) message; a resend publishes it.
            outcomes.fail(pending, ErrorCode.UNAVAILABLE, AckDispatcher.UNAVAILABLE_MESSAGE);
        }
    }

    private void reject(String sessionId, ErrorCode code, String message, String clientMessageId) {
        metrics.rejected(code);
        messenger.error(sessionId, code, message, clientMessageId);
    }

    /** New sends get {@code unavailable} from now on (graceful shutdown). */
    void stopAccepting() {
        accepting = false;
    }

    void sessionClosed(String sessionId) {
        order.forget(sessionId);
    }

    private static ChatMessage withSeq(ChatMessage m, long seq) {
        return new ChatMessage(m.messageId(), m.conversationId(), seq, m.senderId(), m.content(), m.sentAt(),
                m.clientMessageId());
    }
}
