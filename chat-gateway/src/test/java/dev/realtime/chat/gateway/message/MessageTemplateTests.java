package dev.realtime.chat.gateway.message;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.wire.ChatMessage;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageTemplateTests {

    @Test
    void prefixSeqSuffixIsExactlyTheMessageJsonEvenWhenTheContentLooksLikeTheSeqField() {
        String tricky = "\"seq\":-9223372036854775808, {\"seq\":1}";
        ChatMessage candidate = new ChatMessage("42", "conv\"seq\":-9223372036854775808", MessageTemplate.PLACEHOLDER_SEQ,
                "u1", tricky, Instant.parse("2025-01-02T03:04:05.678Z"), "c1");
        MessageTemplate template = MessageTemplate.of(candidate);
        ChatMessage settled = new ChatMessage("42", candidate.conversationId(), 17, "u1", tricky, candidate.sentAt(),
                "c1");
        assertThat(template.withSeq(17)).isEqualTo(JsonCodec.toJson(settled));
        assertThat(IdempotencyRecord.parse("P" + template.withSeq(17)))
                .isEqualTo(new IdempotencyRecord(false, settled));
        assertThat(IdempotencyRecord.parse("C" + template.withSeq(17)).confirmed()).isTrue();
    }
}
