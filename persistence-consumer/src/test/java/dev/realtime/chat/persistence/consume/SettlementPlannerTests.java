package dev.realtime.chat.persistence.consume;

import static dev.realtime.chat.persistence.Messages.envelope;
import static dev.realtime.chat.persistence.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.MessageBatch;
import dev.realtime.chat.model.envelope.MessageEnvelope;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.persistence.batch.DecodedBatch;
import dev.realtime.chat.persistence.batch.RejectedMessage;
import dev.realtime.chat.persistence.system.DeadLetterReason;
import dev.realtime.chat.persistence.write.WriteOutcome;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettlementPlannerTests {

    private final SettlementPlanner planner = new SettlementPlanner(2, attempt -> Duration.ofMillis(100L * attempt));
    private final MessageEnvelope first = envelope(message("c1", 1));
    private final MessageEnvelope second = envelope(message("c1", 2));
    private final MessageEnvelope third = envelope(message("c2", 1));
    private final DecodedBatch batch = new DecodedBatch("gw-1", List.of(first, second, third), List.of());

    private static WriteOutcome failing(ChatMessage message, Throwable error) {
        Map<ChatMessage, Throwable> failures = new IdentityHashMap<>();
        failures.put(message, error);
        return WriteOutcome.of(failures);
    }

    private static List<String> ids(Publication publication) {
        return JsonCodec.fromBytes(publication.body(), MessageBatch.class).messages().stream()
                .map(e -> e.message().messageId()).toList();
    }

    @Test
    void acksWhenEverythingIsWritten() {
        assertThat(planner.settle(batch, WriteOutcome.success(), 0))
                .isEqualTo(new Settlement.Complete(List.of()));
    }

    @Test
    void requeuesTheWholeBatchWithoutARetryWhenCassandraIsUnreachable() {
        Settlement settlement = planner.settle(batch, failing(second.message(), new NoNodeAvailableException()), 1);

        assertThat(settlement).isInstanceOf(Settlement.Requeue.class);
    }

    @Test
    void sendsOnlyTheRejectedMessagesToTheNextRetryQueue() {
        Settlement settlement = planner.settle(batch,
                failing(second.message(), new InvalidQueryException(null, "no")), 1);

        List<Publication> publications = ((Settlement.Complete) settlement).publications();
        assertThat(publications).hasSize(1);
        Publication retry = publications.get(0);
        assertThat(retry.kind()).isEqualTo(Publication.Kind.RETRY);
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.retryCount()).isEqualTo(2);
        assertThat(retry.expiration()).isEqualTo(Duration.ofMillis(200));
        assertThat(retry.lastError()).isEqualTo("InvalidQueryException: no");
        assertThat(ids(retry)).containsExactly(second.message().messageId());
    }

    @Test
    void deadLettersAfterTheLastRetry() {
        Settlement settlement = planner.settle(batch,
                failing(third.message(), new InvalidQueryException(null, "no")), 2);

        Publication dead = ((Settlement.Complete) settlement).publications().get(0);
        assertThat(dead.kind()).isEqualTo(Publication.Kind.DEAD_LETTER);
        assertThat(dead.deadLetterReason()).isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED);
        assertThat(dead.reason()).isEqualTo("retries-exhausted: write failed after 2 retries: "
                + "InvalidQueryException: no");
        assertThat(dead.retryCount()).isEqualTo(2);
        assertThat(ids(dead)).containsExactly(third.message().messageId());
    }

    @Test
    void deadLettersEachInvalidMessageWithItsReason() {
        MessageEnvelope bad = envelope(message("c1", 9));
        DecodedBatch withInvalid = new DecodedBatch("gw-1", List.of(first),
                List.of(new RejectedMessage(bad, "seq must be >= 1, was 0")));

        Publication dead = ((Settlement.Complete) planner.settle(withInvalid, WriteOutcome.success(), 0))
                .publications().get(0);

        assertThat(dead.deadLetterReason()).isEqualTo(DeadLetterReason.INVALID);
        assertThat(dead.reason()).isEqualTo("invalid: seq must be >= 1, was 0");
        assertThat(ids(dead)).containsExactly(bad.message().messageId());
    }

    @Test
    void deadLettersAMalformedBodyUnchanged() {
        byte[] body = "{oops".getBytes();
        Publication dead = ((Settlement.Complete) planner.malformed(body, 0, "not JSON")).publications().get(0);

        assertThat(dead.body()).isSameAs(body);
        assertThat(dead.reason()).isEqualTo("malformed: not JSON");
    }

    @Test
    void withNoRetriesARejectedWriteGoesStraightToTheDeadLetterQueue() {
        SettlementPlanner noRetries = new SettlementPlanner(0, attempt -> null);
        Publication dead = ((Settlement.Complete) noRetries.settle(batch,
                failing(first.message(), new InvalidQueryException(null, "no")), 0)).publications().get(0);
        assertThat(dead.kind()).isEqualTo(Publication.Kind.DEAD_LETTER);
    }
}
