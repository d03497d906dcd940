package dev.realtime.chat.router.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.DeliveryItem;
import dev.realtime.chat.model.envelope.EventBatch;
import dev.realtime.chat.model.envelope.EventEnvelope;
import dev.realtime.chat.model.envelope.MessageBatch;
import dev.realtime.chat.model.envelope.MessageEnvelope;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchDecoderTests {

    private final BatchDecoder decoder = new BatchDecoder();

    static ChatMessage message(String id, String conversation, long seq) {
        return new ChatMessage(id, conversation, seq, "alice", "hello " + seq, Instant.parse("2025-01-02T03:04:05Z"),
                "c-" + id);
    }

    @Test
    void decodesAMessageBatchIntoPayloadsWithTheExactMessageJsonInBatchOrder() {
        ChatMessage first = message("m1", "conv-1", 1);
        ChatMessage second = message("m2", "conv-2", 7);
        MessageBatch batch = new MessageBatch("gw-1", List.of(
                new MessageEnvelope(first, List.of("alice", "bob")),
                new MessageEnvelope(second, List.of("carol"))));

        DecodedBatch decoded = decoder.decode(JsonCodec.toBytes(batch), Topology.TYPE_MESSAGE_BATCH);

        assertThat(decoded.kind()).isEqualTo(DecodedBatch.Kind.MESSAGES);
        assertThat(decoded.items()).containsExactly(
                new Outgoing(DeliveryItem.MESSAGES, List.of("alice", "bob"), JsonCodec.toJson(first)),
                new Outgoing(DeliveryItem.MESSAGES, List.of("carol"), JsonCodec.toJson(second)));
        assertThat(decoded.history()).containsExactly(
                new HistoryEntry("conv-1", 1, JsonCodec.toJson(first)),
                new HistoryEntry("conv-2", 7, JsonCodec.toJson(second)));
        assertThat(decoded.recipients()).containsExactly("alice", "bob", "carol");
    }

    @Test
    void deduplicatesMembersAndDropsBlankOnes() {
        MessageBatch batch = new MessageBatch("gw-1", List.of(
                new MessageEnvelope(message("m1", "conv-1", 1), Arrays.asList("bob", "alice", "bob", null, " "))));

        DecodedBatch decoded = decoder.decode(JsonCodec.toBytes(batch), Topology.TYPE_MESSAGE_BATCH);

        assertThat(decoded.items().get(0).recipientIds()).containsExactly("bob", "alice");
    }

    @Test
    void eventRecipientsExcludeTheExcludedUser() {
        EventBatch batch = new EventBatch("gw-1", List.of(
                new EventEnvelope("conv-1", List.of("alice", "bob", "carol"), "alice",
                        "{\"type\":\"typing\",\"conversationId\":\"conv-1\",\"userId\":\"alice\"}"),
                new EventEnvelope(null, List.of("dave"), null, "{\"type\":\"presence\"}")));

        DecodedBatch decoded = decoder.decode(JsonCodec.toBytes(batch), Topology.TYPE_EVENT_BATCH);

        assertThat(decoded.kind()).isEqualTo(DecodedBatch.Kind.EVENTS);
        assertThat(decoded.history()).isEmpty();
        assertThat(decoded.items()).extracting(Outgoing::destination).containsOnly(DeliveryItem.EVENTS);
        assertThat(decoded.items()).extracting(Outgoing::recipientIds)
                .containsExactly(List.of("bob", "carol"), List.of("dave"));
        assertThat(decoded.items().get(0).payloadJson())
                .isEqualTo("{\"type\":\"typing\",\"conversationId\":\"conv-1\",\"userId\":\"alice\"}");
    }

    @Test
    void skipsEntriesWithoutIdsAndCountsThemButKeepsTheRest() {
        MessageBatch batch = new MessageBatch("gw-1", Arrays.asList(
                new MessageEnvelope(null, List.of("bob")),
                new MessageEnvelope(new ChatMessage(null, "conv-1", 2, "alice", "x", Instant.EPOCH, "c"),
                        List.of("bob")),
                null,
                new MessageEnvelope(message("m3", "conv-1", 3), List.of("bob"))));

        DecodedBatch decoded = decoder.decode(JsonCodec.toBytes(batch), Topology.TYPE_MESSAGE_BATCH);

        assertThat(decoded.invalidEntries()).isEqualTo(3);
        assertThat(decoded.history()).extracting(HistoryEntry::seq).containsExactly(3L);
    }

    @Test
    void recognisesTheKindByShapeWhenTheTypePropertyIsMissing() {
        MessageBatch batch = new MessageBatch("gw-1", List.of(new MessageEnvelope(message("m1", "c", 1),
                List.of("bob"))));
        EventBatch events = new EventBatch("gw-1", List.of(new EventEnvelope("c", List.of("bob"), null, "{}")));

        assertThat(decoder.decode(JsonCodec.toBytes(batch), null).kind()).isEqualTo(DecodedBatch.Kind.MESSAGES);
        assertThat(decoder.decode(JsonCodec.toBytes(events), "").kind()).isEqualTo(DecodedBatch.Kind.EVENTS);
    }

    @Test
    void unparseableBodiesArePoison() {
        assertThatThrownBy(() -> decoder.decode("not json".getBytes(StandardCharsets.UTF_8),
                Topology.TYPE_MESSAGE_BATCH))
                .isInstanceOf(PoisonBatchException.class)
                .extracting(e -> ((PoisonBatchException) e).reason()).isEqualTo("malformed");
        assertThatThrownBy(() -> decoder.decode("{\"messages\":7}".getBytes(StandardCharsets.UTF_8),
                Topology.TYPE_MESSAGE_BATCH)).isInstanceOf(PoisonBatchException.class);
        assertThatThrownBy(() -> decoder.decode(new byte[0], Topology.TYPE_MESSAGE_BATCH))
                .isInstanceOf(PoisonBatchException.class);
        assertThatThrownBy(() -> decoder.decode("{\"gatewayId\":\"gw\"}".getBytes(StandardCharsets.UTF_8),
                Topology.TYPE_EVENT_BATCH)).isInstanceOf(PoisonBatchException.class);
    }

    @Test
    void unknownTypesArePoison() {
        assertThatThrownBy(() -> decoder.decode("{}".getBytes(StandardCharsets.UTF_8), "chat.something-else"))
                .isInstanceOf(PoisonBatchException.class)
                .extracting(e -> ((PoisonBatchException) e).reason()).isEqualTo("unknown-type");
        assertThatThrownBy(() -> decoder.decode("{\"x\":1}".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(PoisonBatchException.class);
    }
}
