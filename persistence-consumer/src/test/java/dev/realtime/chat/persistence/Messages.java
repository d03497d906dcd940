package dev.realtime.chat.persistence;

import dev.realtime.chat.model.envelope.MessageBatch;
import dev.realtime.chat.model.envelope.MessageEnvelope;
import dev.realtime.chat.model.wire.ChatMessage;
import java.time.Instant;
import java.util.List;

/** Test data. */
public final class Messages {

    private Messages() {
    }

    public static ChatMessage message(String conversationId, long seq) {
        return new ChatMessage("m-" + conversationId + "-" + seq, conversationId, seq, "alice", "hello " + seq,
                Instant.now(), "c-" + conversationId + "-" + seq);
    }

    public static MessageEnvelope envelope(ChatMessage message) {
        return new MessageEnvelope(message, List.of("alice", "bob"));
    }

    public static MessageBatch batch(ChatMessage... messages) {
        return new MessageBatch("gw-1", java.util.Arrays.stream(messages).map(Messages::envelope).toList());
    }
}
