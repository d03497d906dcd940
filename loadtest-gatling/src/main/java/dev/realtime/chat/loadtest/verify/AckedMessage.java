package dev.realtime.chat.loadtest.verify;

/** One acknowledged message of a run, as the simulation wrote it for the verifier. */
public record AckedMessage(String conversationId, long seq, String messageId, String clientMessageId,
        boolean deliveredToAll) {

    /** Cassandra partition bucket of {@code chat.messages}: a partition holds 10,000 seqs. */
    public static final long BUCKET_SIZE = 10_000;

    public long bucket() {
        return seq / BUCKET_SIZE;
    }
}
