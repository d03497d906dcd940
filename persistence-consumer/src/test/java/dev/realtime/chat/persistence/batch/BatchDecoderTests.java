package dev.realtime.chat.persistence.batch;

import static dev.realtime.chat.persistence.Messages.batch;
import static dev.realtime.chat.persistence.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.wire.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BatchDecoderTests {

    private final BatchDecoder decoder = new BatchDecoder(new MessageValidator(4000, 200));

    @Test
    void decodesEveryValidMessageInOrder() {
        DecodedBatch decoded = decoder.decode(JsonCodec.toBytes(batch(message("c1", 1), message("c1", 2))));

        assertThat(decoded.gatewayId()).isEqualTo("gw-1");
        assertThat(decoded.validMessages()).extracting(ChatMessage::seq).containsExactly(1L, 2L);
        assertThat(decoded.rejected()).isEmpty();
    }

    @Test
    void splitsInvalidMessagesFromValidOnesWithTheirReason() {
        ChatMessage good = message("c1", 1);
        ChatMessage zeroSeq = new ChatMessage("m-zero", "c1", 0, "alice", "x", Instant.now(), "c-zero");
        ChatMessage noId = new ChatMessage(null, "c1", 3, "alice", "x", Instant.now(), "c-3");
        ChatMessage tooLong = new ChatMessage("m-long", "c1", 4, "alice", "x".repeat(4001), Instant.now(), "c-4");

        DecodedBatch decoded = decoder.decode(JsonCodec.toBytes(batch(good, zeroSeq, noId, tooLong)));

        assertThat(decoded.validMessages()).containsExactly(good);
        assertThat(decoded.rejected()).extracting(RejectedMessage::reason).containsExactly(
                "seq must be >= 1, was 0 (messageId m-zero)",
                "missing messageId",
                "content too long: 4001 > 4000 (messageId m-long)");
    }

    @Test
    void rejectsABodyThatIsNotJson() {
        assertThatThrownBy(() -> decoder.decode("{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BatchDecoder.MalformedBatchException.class);
    }

    @Test
    void rejectsAJsonBodyWithoutMessages() {
        assertThatThrownBy(() -> decoder.decode("{\"gatewayId\":\"gw\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BatchDecoder.MalformedBatchException.class)
                .hasMessageContaining("without a messages array");
    }

    @Test
    void rejectsANullEnvelopeWithoutLosingTheOthers() {
        String json = "{\"gatewayId\":\"gw\",\"messages\":[null," + JsonCodec.toJson(
                dev.realtime.chat.persistence.Messages.envelope(message("c1", 1))) + "]}";

        DecodedBatch decoded = decoder.decode(json.getBytes(StandardCharsets.UTF_8));

        assertThat(decoded.validMessages()).hasSize(1);
        assertThat(decoded.rejected()).extracting(RejectedMessage::reason).containsExactly("missing message");
    }
}
