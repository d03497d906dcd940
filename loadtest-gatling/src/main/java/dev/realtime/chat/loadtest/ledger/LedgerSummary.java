package dev.realtime.chat.loadtest.ledger;

import java.util.Map;

/**
 * The load test's own account of a run (written as JSON next to the Gatling report). Counts cover the
 * measurement window only; latencies are milliseconds, client clock at send to client clock at arrival.
 *
 * @param sent measured sends
 * @param throttled sends skipped because the user had {@code max.inflight} messages awaiting their ack (offered
 *        load = sent + throttled)
 * @param acked sends acknowledged (on {@code /user/queue/acks}; RECEIPT for RabbitMQ)
 * @param unacked sends that got neither an ack nor a final error by the end of the drain
 * @param failed sends rejected with a final error code
 * @param duplicateAcks acks for a message already acked (a resend answered again: allowed)
 * @param conflictingAcks of those, acks with another seq or messageId than the first: idempotency broken
 * @param expectedDeliveries member copies due: each measured send times the members online when it was sent
 * @param delivered first live deliveries to members (the sender's own echo included)
 * @param recoveredFromHistory first deliveries that came from a history load instead
 * @param lostDeliveries acked messages not received by a member that was online when it was sent
 * @param lostMessages acked messages with at least one lost delivery
 * @param duplicates live deliveries of a message the member had already received
 * @param seqGaps acked seqs a member never saw (live or from history)
 * @param foreign frames that were not this run's (older runs, other clients)
 */
public record LedgerSummary(String run, int users, int conversations, double windowSeconds, long sent,
        long throttled, long acked,
        long unacked, long failed, long resent, long duplicateAcks, long conflictingAcks, Map<String, Long> errors,
        long expectedDeliveries, long delivered, long recoveredFromHistory, long lostDeliveries, long lostMessages,
        long duplicates, long seqGaps, long foreign, double ackedPerSecond, double offeredPerSecond,
        double deliveriesPerSecond, LatencyHistogram.Snapshot endToEndLatency, LatencyHistogram.Snapshot echoLatency,
        LatencyHistogram.Snapshot ackLatency) {
}
