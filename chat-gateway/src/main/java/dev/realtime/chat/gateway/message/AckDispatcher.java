package dev.realtime.chat.gateway.message;

import dev.realtime.chat.gateway.publish.PendingMessage;
import dev.realtime.chat.gateway.publish.PublishOutcome;
import dev.realtime.chat.gateway.publish.Requester;
import dev.realtime.chat.gateway.session.SessionMessenger;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.model.wire.ErrorCode;
import dev.realtime.chat.model.wire.MessageAck;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the senders of a batch: on confirm, each waiting session gets its ack on {@code /user/queue/acks} (that
 * session only) and the batch's idempotency records are marked confirmed in one Redis call; on a nack, timeout or
 * lost connection, each gets {@code unavailable} and the record stays pending, so a resend publishes the same
 * message again.
 */
class AckDispatcher implements PublishOutcome {

    static final String UNAVAILABLE_MESSAGE = "the message could not be accepted now; resend it with the same "
            + "clientMessageId";
    private static final Logger log = LoggerFactory.getLogger(AckDispatcher.class);

    private final SessionMessenger messenger;
    private final InFlightMessages inFlight;
    private final SendLedger ledger;
    private final SendMetrics metrics;

    AckDispatcher(SessionMessenger messenger, InFlightMessages inFlight, SendLedger ledger, SendMetrics metrics) {
        this.messenger = messenger;
        this.inFlight = inFlight;
        this.ledger = ledger;
        this.metrics = metrics;
    }

    @Override
    public void confirmed(List<PendingMessage> batch) {
        List<String> keys = new ArrayList<>(batch.size());
        for (PendingMessage pending : batch) {
            keys.add(pending.idempotencyKey());
            ack(pending, pending.message());
        }
        ledger.markConfirmed(keys).whenComplete((ignored, error) -> {
            if (error != null) {
                // Harmless: a resend of one of these republishes the same message (a duplicate clients drop).
                log.debug("Could not mark {} idempotency records confirmed: {}", keys.size(), error.toString());
            }
        });
    }

    @Override
    public void failed(List<PendingMessage> batch, Throwable cause) {
        log.debug("Batch of {} messages not confirmed: {}", batch.size(), cause.toString());
        for (PendingMessage pending : batch) {
            fail(pending, ErrorCode.UNAVAILABLE, UNAVAILABLE_MESSAGE);
        }
    }

    /** The ack of a message the broker already confirmed (a resend after the first ack). */
    void ack(PendingMessage pending, ChatMessage message) {
        inFlight.remove(pending);
        MessageAck ack = MessageAck.of(message);
        for (Requester requester : pending.finish()) {
            messenger.toSession(requester.sessionId(), "/queue/acks", ack);
            metrics.acked();
        }
    }

    void fail(PendingMessage pending, ErrorCode code, String safeMessage) {
        inFlight.remove(pending);
        String clientMessageId = pending.message().clientMessageId();
        for (Requester requester : pending.finish()) {
            messenger.error(requester.sessionId(), code, safeMessage, clientMessageId);
            metrics.rejected(code);
        }
    }
}
