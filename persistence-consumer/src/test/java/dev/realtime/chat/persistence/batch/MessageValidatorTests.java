package dev.realtime.chat.persistence.batch;

import static dev.realtime.chat.persistence.Messages.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.model.wire.ChatMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageValidatorTests {

    private final MessageValidator validator = new MessageValidator(10, 20);

    private static ChatMessage with(String messageId, String conversationId, long seq, String senderId,
            String content, Instant sentAt, String clientMessageId) {
        return new ChatMessage(messageId, conversationId, seq, senderId, content, sentAt, clientMessageId);
    }

    @Test
    void acceptsACompleteMessage() {
        assertThat(validator.problem(envelope(with("m", "c", 1, "u", "0123456789", Instant.now(), "cm"))))
                .isEmpty();
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String tenEmoji = "\uD83D\uDE00".repeat(10);
        assertThat(validator.problem(envelope(with("m", "c", 1, "u", tenEmoji, Instant.now(), "cm")))).isEmpty();
    }

    @Test
    void namesTheFirstProblem() {
        Instant now = Instant.now();
        assertThat(validator.problem(envelope(with("m", " ", 1, "u", "x", now, "cm"))))
                .hasValue("missing conversationId (messageId m)");
        assertThat(validator.problem(envelope(with("m", "c", 1, null, "x", now, "cm"))))
                .hasValue("missing senderId (messageId m)");
        assertThat(validator.problem(envelope(with("m", "c", 1, "u", "x", now, ""))))
                .hasValue("missing clientMessageId (messageId m)");
        assertThat(validator.problem(envelope(with("m", "c", -5, "u", "x", now, "cm"))))
                .hasValue("seq must be >= 1, was -5 (messageId m)");
        assertThat(validator.problem(envelope(with("m", "c", 1, "u", "", now, "cm"))))
                .hasValue("missing content (messageId m)");
        assertThat(validator.problem(envelope(with("m", "c", 1, "u", "x", null, "cm"))))
                .hasValue("missing sentAt (messageId m)");
        assertThat(validator.problem(envelope(with("m", "c".repeat(21), 1, "u", "x", now, "cm"))))
                .hasValue("conversationId longer than 20 characters (messageId m)");
        assertThat(validator.problem(null)).hasValue("missing message");
    }
}
