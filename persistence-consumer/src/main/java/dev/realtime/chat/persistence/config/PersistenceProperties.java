package dev.realtime.chat.persistence.config;

import dev.realtime.chat.persistence.write.CassandraWritePlanner.BatchingMode;
import dev.realtime.chat.support.amqp.SharedTopology;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code chat.persistence.*}.
 *
 * @param maxRetries retries of a failed write through {@code chat.persist.retry.<n>} before the dead-letter queue
 *        (at most the number of retry queues SharedTopology declares)
 * @param retryDelays optional per-message TTL of each retry (the n-th retry uses the n-th entry, or the last): a
 *        per-message TTL can only shorten the retry queue's own TTL ({@link SharedTopology#PERSIST_RETRY_DELAYS_MS}).
 *        Empty (default): the queues' TTLs apply. Tests use tiny values.
 * @param prefetch unacknowledged MessageBatches the consumer holds at once
 * @param maxInFlightWrites Cassandra requests in flight at once, over all batches
 * @param maxConcurrentWrites merged writes in flight at once; input batches arriving while all are busy are
 *        written together by the next free one ({@link dev.realtime.chat.persistence.write.CoalescingWriter})
 * @param minWriteInterval least time between the starts of two merged writes (0: a free slot writes at once);
 *        batches arriving sooner wait and go together, so Cassandra gets fewer, bigger requests. Adds at most
 *        this much to the persistence lag; delivery does not wait for it
 * @param maxMessagesPerWrite messages one merged write takes at most (it is split into requests of
 *        {@code maxStatementsPerBatch} statements)
 * @param maxContentLength longest content accepted (characters, as the protocol says)
 * @param maxIdLength longest id accepted (message, conversation, sender, client message ids)
 * @param batching how statements are grouped into unlogged batches (see {@link BatchingMode})
 * @param maxStatementsPerBatch statements per unlogged batch (10 keeps a replica batch within Cassandra's default
 *        unlogged_batch_across_partitions_warn_threshold)
 * @param maxBatchBytes approximate payload per unlogged batch (stay under Cassandra's batch_size_warn_threshold)
 * @param probeInterval while the circuit breaker is open: how often to ask Cassandra whether it answers again
 * @param probeTimeout timeout of one probe query
 * @param publishTimeout how long to wait for the broker's confirm of a retry/dead-letter publish
 * @param shutdownTimeout how long a stop waits for in-flight batches to be written and acknowledged
 * @param reconnectMaxDelay longest wait of the Cassandra driver between reconnection attempts
 * @param lookupTables also write {@code messages_by_id} and {@code messages_by_client_id} (two more partitions per
 *        message). No service reads them today; {@code false} leaves only {@code messages} and
 *        {@code conversation_activity}, which is all that history, recovery and the loss check read
 */
@Validated
@ConfigurationProperties("chat.persistence")
public record PersistenceProperties(
        @DefaultValue("5") @Min(0) int maxRetries,
        List<Duration> retryDelays,
        @DefaultValue("20") @Min(1) int prefetch,
        @DefaultValue("256") @Min(1) int maxInFlightWrites,
        @DefaultValue("2") @Min(1) int maxConcurrentWrites,
        @DefaultValue("0ms") @NotNull Duration minWriteInterval,
        @DefaultValue("1000") @Min(1) int maxMessagesPerWrite,
        @DefaultValue("4000") @Min(1) int maxContentLength,
        @DefaultValue("200") @Min(1) int maxIdLength,
        @DefaultValue("replica") @NotNull BatchingMode batching,
        @DefaultValue("10") @Min(1) int maxStatementsPerBatch,
        @DefaultValue("48KB") @NotNull DataSize maxBatchBytes,
        @DefaultValue("1s") @NotNull Duration probeInterval,
        @DefaultValue("2s") @NotNull Duration probeTimeout,
        @DefaultValue("10s") @NotNull Duration publishTimeout,
        @DefaultValue("15s") @NotNull Duration shutdownTimeout,
        @DefaultValue("5s") @NotNull Duration reconnectMaxDelay,
        @DefaultValue("true") boolean lookupTables) {

    public PersistenceProperties {
        retryDelays = retryDelays == null ? List.of() : List.copyOf(retryDelays);
        if (maxRetries > SharedTopology.PERSIST_RETRY_DELAYS_MS.length) {
            throw new IllegalArgumentException("chat.persistence.max-retries must be at most "
                    + SharedTopology.PERSIST_RETRY_DELAYS_MS.length + " (the retry queues SharedTopology declares)");
        }
    }

    /** Per-message TTL of the given retry (1-based), or null to rely on the retry queue's TTL. */
    public Duration retryDelay(int attempt) {
        if (retryDelays.isEmpty()) {
            return null;
        }
        return retryDelays.get(Math.min(attempt, retryDelays.size()) - 1);
    }
}
