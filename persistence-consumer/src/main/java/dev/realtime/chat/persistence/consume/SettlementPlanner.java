package dev.realtime.chat.persistence.consume;

import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.MessageBatch;
import dev.realtime.chat.model.envelope.MessageEnvelope;
import dev.realtime.chat.persistence.batch.DecodedBatch;
import dev.realtime.chat.persistence.batch.RejectedMessage;
import dev.realtime.chat.persistence.system.DeadLetterReason;
import dev.realtime.chat.persistence.write.FailureClassifier;
import dev.realtime.chat.persistence.write.WriteOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Decides, without I/O, what happens to an input batch:
 * <ul>
 * <li>any message found Cassandra unreachable: requeue the whole batch (its written rows are rewritten
 * identically later; no retry is counted, nothing is dead-lettered);</li>
 * <li>messages Cassandra rejected: only those go on, as one batch, to retry queue n+1 with retry count n+1, or
 * after {@code maxRetries} retries to the DLQ ({@code retries-exhausted});</li>
 * <li>messages that failed validation: each to the DLQ with its reason ({@code invalid});</li>
 * <li>then the input is acknowledged.</li>
 * </ul>
 */
public final class SettlementPlanner {

    private final int maxRetries;
    private final IntFunction<Duration> retryDelay;

    public SettlementPlanner(int maxRetries, IntFunction<Duration> retryDelay) {
        this.maxRetries = maxRetries;
        this.retryDelay = retryDelay;
    }

    public Settlement malformed(byte[] body, int retryCount, String detail) {
        return new Settlement.Complete(List.of(
                Publication.deadLetter(DeadLetterReason.MALFORMED, detail, body, retryCount, 1)));
    }

    public Settlement settle(DecodedBatch batch, WriteOutcome outcome, int retryCount) {
        if (outcome.anyUnavailable()) {
            return new Settlement.Requeue("Cassandra unreachable");
        }
        List<Publication> publications = new ArrayList<>();
        List<MessageEnvelope> failed = new ArrayList<>();
        Throwable firstError = null;
        for (MessageEnvelope envelope : batch.valid()) {
            Throwable error = outcome.failureOf(envelope.message());
            if (error != null) {
                failed.add(envelope);
                if (firstError == null) {
                    firstError = error;
                }
            }
        }
        if (!failed.isEmpty()) {
            String detail = FailureClassifier.describe(firstError);
            byte[] body = encode(batch.gatewayId(), failed);
            if (retryCount < maxRetries) {
                int attempt = retryCount + 1;
                publications.add(Publication.retry(attempt, body, detail, retryDelay.apply(attempt), failed.size()));
            } else {
                publications.add(Publication.deadLetter(DeadLetterReason.RETRIES_EXHAUSTED,
                        "write failed after " + retryCount + " retries: " + detail, body, retryCount,
                        failed.size()));
            }
        }
        for (RejectedMessage rejected : batch.rejected()) {
            List<MessageEnvelope> one = new ArrayList<>(1);
            one.add(rejected.envelope());
            publications.add(Publication.deadLetter(DeadLetterReason.INVALID, rejected.reason(),
                    encode(batch.gatewayId(), one), retryCount, 1));
        }
        return new Settlement.Complete(publications);
    }

    private static byte[] encode(String gatewayId, List<MessageEnvelope> envelopes) {
        return JsonCodec.toBytes(new MessageBatch(gatewayId, envelopes));
    }
}
