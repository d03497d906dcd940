package dev.realtime.chat.persistence.batch;

import dev.realtime.chat.model.envelope.MessageEnvelope;

/** A message of a batch that can never be written, and why (safe for operators: ids, never content). */
public record RejectedMessage(MessageEnvelope envelope, String reason) {
}
