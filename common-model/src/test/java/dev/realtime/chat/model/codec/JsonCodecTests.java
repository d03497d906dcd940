package dev.realtime.chat.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.chat.model.envelope.MessageBatch;
import dev.realtime.chat.model.envelope.MessageEnvelope;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.model.wire.ClientError;
import dev.realtime.chat.model.wire.ErrorCode;
import dev.realtime.chat.model.wire.PresenceEvent;
import dev.realtime.chat.model.wire.PresenceStatus;
import dev.realtime.chat.model.wire.ReceiptCommand;
import dev.realtime.chat.model.wire.ReceiptKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecTests {

    private static final ChatMessage MESSAGE = new ChatMessage("101", "c1", 3, "u1", "hi",
            Instant.parse("2026-11-22T10:15:30.123Z"), "m-1");

    @Test
    void writesMessagesWithTheProtocolFieldNamesAndIsoTimes() {
        assertThat(JsonCodec.toJson(MESSAGE)).isEqualTo("{\"messageId\":\"101\",\"conversationId\":\"c1\",\"seq\":3,"
                + "\"senderId\":\"u1\",\"content\":\"hi\",\"sentAt\":\"2026-11-22T10:15:30.123Z\","
                + "\"clientMessageId\":\"m-1\"}");
    }

    @Test
    void writesEventsWithTheirType() {
        String json = JsonCodec.toJson(new PresenceEvent("u1", PresenceStatus.AWAY, Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(json).isEqualTo("{\"type\":\"presence\",\"userId\":\"u1\",\"status\":\"away\",\"lastSeen\":\"2026-01-01T00:00:00Z\"}");
    }

    @Test
    void writesErrorCodesAsStableWords() {
        assertThat(JsonCodec.toJson(new ClientError(ErrorCode.INVALID_REQUEST, "content is empty", "m-1")))
                .isEqualTo("{\"code\":\"invalid_request\",\"message\":\"content is empty\",\"clientMessageId\":\"m-1\"}");
    }

    @Test
    void roundTripsBatches() {
        MessageBatch batch = new MessageBatch("gw-1", List.of(new MessageEnvelope(MESSAGE, List.of("u1", "u2"))));
        assertThat(JsonCodec.fromBytes(JsonCodec.toBytes(batch), MessageBatch.class)).isEqualTo(batch);
    }

    @Test
    void ignoresUnknownFieldsSoNewerWritersDoNotBreakOlderReaders() {
        ReceiptCommand command = JsonCodec.fromJson(
                "{\"conversationId\":\"c1\",\"kind\":\"read\",\"seq\":9,\"extra\":true}", ReceiptCommand.class);
        assertThat(command).isEqualTo(new ReceiptCommand("c1", ReceiptKind.READ, 9L));
    }

    @Test
    void malformedPayloadsFailWithATypedException() {
        assertThatThrownBy(() -> JsonCodec.fromJson("{not json", MessageBatch.class))
                .isInstanceOf(JsonCodec.MalformedPayloadException.class)
                .hasMessage("malformed MessageBatch payload");
        assertThatThrownBy(() -> JsonCodec.fromJson("{\"kind\":\"seen\"}", ReceiptCommand.class))
                .isInstanceOf(JsonCodec.MalformedPayloadException.class);
    }

    @Test
    void shardsAreStableAndInRange() {
        assertThat(Topology.shardOf("c1", 4)).isEqualTo(Topology.shardOf("c1", 4));
        for (int i = 0; i < 1000; i++) {
            assertThat(Topology.shardOf("conv-" + i, 4)).isBetween(0, 3);
        }
        assertThat(Topology.messageRoutingKey(2)).isEqualTo("message.2");
    }
}
