package dev.realtime.chat.persistence.batch;

import dev.realtime.chat.model.envelope.MessageEnvelope;
import dev.realtime.chat.model.wire.ChatMessage;
import java.util.Optional;

/**
 * What a message must satisfy to be written. A message that fails can never succeed: it is dead-lettered at once,
 * without costing the rest of its batch anything. Reasons name fields and ids, never content.
 */
public final class MessageValidator {

    private final int maxContentLength;
    private final int maxIdLength;

    public MessageValidator(int maxContentLength, int maxIdLength) {
        this.maxContentLength = maxContentLength;
        this.maxIdLength = maxIdLength;
    }

    /** The reason the envelope cannot be written, or empty when it is valid. */
    public Optional<String> problem(MessageEnvelope envelope) {
        if (envelope == null || envelope.message() == null) {
            return Optional.of("missing message");
        }
        ChatMessage message = envelope.message();
        String idProblem = firstIdProblem(message);
        if (idProblem != null) {
            return Optional.of(idProblem + describe(message));
        }
        if (message.seq() < 1) {
            return Optional.of("seq must be >= 1, was " + message.seq() + describe(message));
        }
        if (message.content() == null || message.content().isEmpty()) {
            return Optional.of("missing content" + describe(message));
        }
        int length = message.content().codePointCount(0, message.content().length());
        if (length > maxContentLength) {
            return Optional.of("content too long: " + length + " > " + maxContentLength + describe(message));
        }
        if (message.sentAt() == null) {
            return Optional.of("missing sentAt" + describe(message));
        }
        return Optional.empty();
    }

    private String firstIdProblem(ChatMessage message) {
        String problem = idProblem("messageId", message.messageId());
        if (problem == null) {
            problem = idProblem("conversationId", message.conversationId());
        }
        if (problem == null) {
            problem = idProblem("senderId", message.senderId());
        }
        if (problem == null) {
            problem = idProblem("clientMessageId", message.clientMessageId());
        }
        return problem;
    }

    private String idProblem(String field, String value) {
        if (value == null || value.isBlank()) {
            return "missing " + field;
        }
        if (value.length() > maxIdLength) {
            return field + " longer than " + maxIdLength + " characters";
        }
        return null;
    }

    private String describe(ChatMessage message) {
        String id = message.messageId();
        if (id == null || id.isBlank() || id.length() > maxIdLength) {
            return "";
        }
        return " (messageId " + id + ")";
    }
}
