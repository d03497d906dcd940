package dev.realtime.chat.loadtest.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Checks that every acknowledged message is in {@code chat.messages} (partition (conversation_id,
 * bucket = seq / 10000), clustering seq) and stored once. Persistence is asynchronous, so partitions with missing
 * rows are read again until they are complete or the wait is over.
 */
public final class PersistenceCheck {

    /** Pauses between reads of the partitions still incomplete. */
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final MessageStore store;
    private final LongSupplier clockMillis;
    private final Pause pause;

    public PersistenceCheck(MessageStore store, LongSupplier clockMillis, Pause pause) {
        this.store = store;
        this.clockMillis = clockMillis;
        this.pause = pause;
    }

    private record PartitionKey(String conversationId, long bucket) {
    }

    private record PartitionOutcome(long persisted, long missing, long mismatched, long storedTwice,
            List<AckedMessage> bad) {
    }

    public VerificationResult check(List<AckedMessage> acked, Duration maxWait, Duration pollInterval)
            throws InterruptedException {
        Map<PartitionKey, List<AckedMessage>> partitions = new LinkedHashMap<>();
        for (AckedMessage message : acked) {
            partitions.computeIfAbsent(new PartitionKey(message.conversationId(), message.bucket()),
                    k -> new ArrayList<>()).add(message);
        }
        long start = clockMillis.getAsLong();
        long deadline = start + maxWait.toMillis();
        Map<PartitionKey, PartitionOutcome> outcomes = new HashMap<>();
        List<PartitionKey> pending = new ArrayList<>(partitions.keySet());
        while (true) {
            List<PartitionKey> incomplete = new ArrayList<>();
            for (PartitionKey key : pending) {
                PartitionOutcome outcome = checkPartition(key, partitions.get(key));
                outcomes.put(key, outcome);
                if (outcome.missing() > 0) {
                    incomplete.add(key);
                }
            }
            pending = incomplete;
            if (pending.isEmpty() || clockMillis.getAsLong() >= deadline) {
                break;
            }
            pause.pause(pollInterval);
        }
        long persisted = 0;
        long missing = 0;
        long mismatched = 0;
        long storedTwice = 0;
        List<AckedMessage> badMessages = new ArrayList<>();
        for (PartitionOutcome outcome : outcomes.values()) {
            persisted += outcome.persisted();
            missing += outcome.missing();
            mismatched += outcome.mismatched();
            storedTwice += outcome.storedTwice();
            badMessages.addAll(outcome.bad());
        }
        long undelivered = 0;
        long lost = 0;
        java.util.Set<AckedMessage> bad = new java.util.HashSet<>(badMessages);
        List<String> sample = new ArrayList<>();
        for (AckedMessage message : acked) {
            boolean notStored = bad.contains(message);
            if (!message.deliveredToAll()) {
                undelivered++;
            }
            if (notStored || !message.deliveredToAll()) {
                lost++;
                if (sample.size() < 10) {
                    sample.add(message.conversationId() + "/" + message.seq());
                }
            }
        }
        return new VerificationResult(acked.size(), persisted, missing, mismatched, storedTwice, undelivered, lost,
                clockMillis.getAsLong() - start, sample);
    }

    /** Messages stored twice are counted in storedTwice but are not lost. */
    private PartitionOutcome checkPartition(PartitionKey key, List<AckedMessage> messages) {
        long from = Long.MAX_VALUE;
        for (AckedMessage message : messages) {
            from = Math.min(from, message.seq());
        }
        // to the end of the bucket: a copy stored again later (a resend given a new seq) lies after the acked seqs
        long to = (key.bucket() + 1) * AckedMessage.BUCKET_SIZE - 1;
        Map<Long, StoredRow> bySeq = new HashMap<>();
        Map<String, Integer> messageIdCount = new HashMap<>();
        Map<String, Integer> clientIdCount = new HashMap<>();
        for (StoredRow row : store.rows(key.conversationId(), key.bucket(), from, to)) {
            bySeq.put(row.seq(), row);
            if (row.messageId() != null) {
                messageIdCount.merge(row.messageId(), 1, Integer::sum);
            }
            if (row.clientMessageId() != null) {
                clientIdCount.merge(row.clientMessageId(), 1, Integer::sum);
            }
        }
        long persisted = 0;
        long missing = 0;
        long mismatched = 0;
        long storedTwice = 0;
        List<AckedMessage> bad = new ArrayList<>();
        for (AckedMessage message : messages) {
            StoredRow row = bySeq.get(message.seq());
            if (row == null) {
                missing++;
                bad.add(message);
                continue;
            }
            if (!message.messageId().equals(row.messageId())) {
                mismatched++;
                bad.add(message);
                continue;
            }
            persisted++;
            if (messageIdCount.getOrDefault(message.messageId(), 0) > 1
                    || (message.clientMessageId() != null && !message.clientMessageId().isEmpty()
                            && clientIdCount.getOrDefault(message.clientMessageId(), 0) > 1)) {
                storedTwice++;
            }
        }
        return new PartitionOutcome(persisted, missing, mismatched, storedTwice, bad);
    }
}
