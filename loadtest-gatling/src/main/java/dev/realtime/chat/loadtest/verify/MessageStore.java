package dev.realtime.chat.loadtest.verify;

import java.util.List;

/** Reads stored messages of one partition of {@code chat.messages}. */
public interface MessageStore {

    /** Rows of partition (conversationId, bucket) with {@code fromSeq <= seq <= toSeq}. */
    List<StoredRow> rows(String conversationId, long bucket, long fromSeq, long toSeq);
}
