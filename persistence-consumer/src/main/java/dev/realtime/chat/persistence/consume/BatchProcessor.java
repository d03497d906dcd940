package dev.realtime.chat.persistence.consume;

import dev.realtime.chat.persistence.batch.BatchDecoder;
import dev.realtime.chat.persistence.batch.BatchDecoder.MalformedBatchException;
import dev.realtime.chat.persistence.batch.DecodedBatch;
import dev.realtime.chat.persistence.circuit.CassandraAvailability;
import dev.realtime.chat.persistence.system.PersistMetrics;
import dev.realtime.chat.persistence.write.CoalescingWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One input batch from decode to settlement. {@link #process} returns at once (the AMQP consumer thread only
 * decodes); the writes run on the driver, the settlement on {@code settleExecutor}.
 */
public final class BatchProcessor {

    private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);

    private final BatchDecoder decoder;
    private final CoalescingWriter writer;
    private final SettlementPlanner planner;
    private final AmqpPublisher publisher;
    private final CassandraAvailability availability;
    private final PersistMetrics metrics;
    private final Executor settleExecutor;

    public BatchProcessor(BatchDecoder decoder, CoalescingWriter writer, SettlementPlanner planner,
            AmqpPublisher publisher, CassandraAvailability availability, PersistMetrics metrics,
            Executor settleExecutor) {
        this.decoder = decoder;
        this.writer = writer;
        this.planner = planner;
        this.publisher = publisher;
        this.availability = availability;
        this.metrics = metrics;
        this.settleExecutor = settleExecutor;
    }

    public void process(InboundBatch in) {
        if (!availability.acceptsWrites()) {
            apply(in, new Settlement.Requeue("circuit breaker open"));
            return;
        }
        int retryCount = RetryHeaders.retryCount(in.properties());
        DecodedBatch decoded;
        try {
            decoded = decoder.decode(in.body());
        } catch (MalformedBatchException e) {
            log.debug("Malformed batch: {}", e.getMessage());
            Settlement settlement = planner.malformed(in.body(), retryCount, e.getMessage());
            settleExecutor.execute(() -> apply(in, settlement)); // publishing is not the consumer thread's job
            return;
        }
        writer.write(decoded.validMessages(), retryCount == 0).whenCompleteAsync((outcome, error) -> {
            Settlement settlement;
            try {
                settlement = outcome == null
                        ? new Settlement.Requeue("write failed unexpectedly: " + error)
                        : planner.settle(decoded, outcome, retryCount);
            } catch (RuntimeException e) {
                log.warn("Cannot settle a batch, requeueing it: {}", e.toString());
                settlement = new Settlement.Requeue(e.toString());
            }
            apply(in, settlement);
        }, settleExecutor);
    }

    private void apply(InboundBatch in, Settlement settlement) {
        if (settlement instanceof Settlement.Requeue) {
            metrics.requeued();
            in.requeue();
            return;
        }
        List<Publication> publications = ((Settlement.Complete) settlement).publications();
        if (publications.isEmpty()) {
            in.ack();
            return;
        }
        CompletableFuture<?>[] confirms = publications.stream()
                .map(p -> publisher.publish(p, in.properties()))
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(confirms).whenCompleteAsync((ignored, error) -> {
            if (error != null) {
                log.warn("Retry/dead-letter publish failed, requeueing the batch: {}", error.toString());
                metrics.requeued();
                in.requeue();
                return;
            }
            for (Publication publication : publications) {
                if (publication.kind() == Publication.Kind.RETRY) {
                    metrics.retried(publication.messageCount());
                } else {
                    metrics.deadLettered(publication.deadLetterReason(), publication.messageCount());
                    log.info("Dead-lettered {} message(s): {}", publication.messageCount(), publication.reason());
                }
            }
            in.ack();
        }, settleExecutor);
    }

}
