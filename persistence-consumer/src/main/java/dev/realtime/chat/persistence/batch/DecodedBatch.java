package dev.realtime.chat.persistence.batch;

import dev.realtime.chat.model.envelope.MessageEnvelope;
import dev.realtime.chat.model.wire.ChatMessage;
import java.util.List;

/** A parsed MessageBatch split into the messages to write and the ones that fail validation. */
public record DecodedBatch(String gatewayId, List<MessageEnvelope> valid, List<RejectedMessage> rejected) {

    public DecodedBatch {
        valid = List.copyOf(valid);
        rejected = List.copyOf(rejected);
    }

    public List<ChatMessage> validMessages() {
        return valid.stream().map(MessageEnvelope::message).toList();
    }

    public int size() {
        return valid.size() + rejected.size();
    }
}
