package dev.realtime.chat.router.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.DeliveryItem;
import dev.realtime.chat.model.envelope.EventBatch;
import dev.realtime.chat.model.envelope.EventEnvelope;
import dev.realtime.chat.model.envelope.MessageBatch;
import dev.realtime.chat.model.envelope.MessageEnvelope;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.ChatMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a delivery-shard body ({@link MessageBatch} or {@link EventBatch}, told apart by the AMQP {@code type}
 * property, or by shape when a publisher left it out) into a {@link DecodedBatch}. Pure: no I/O.
 *
 * <p>A body that is not JSON of either kind is poison ({@link PoisonBatchException}). An entry that lacks what
 * routing needs (a null message, a message without id or conversation, an event without payload) is skipped and
 * counted, so that one bad entry never costs the good ones of its batch their delivery.
 */
public final class BatchDecoder {

    public DecodedBatch decode(byte[] body, String type) {
        if (body == null || body.length == 0) {
            throw new PoisonBatchException("empty", "empty body", null);
        }
        if (Topology.TYPE_MESSAGE_BATCH.equals(type)) {
            return messages(parse(body, MessageBatch.class));
        }
        if (Topology.TYPE_EVENT_BATCH.equals(type)) {
            return events(parse(body, EventBatch.class));
        }
        if (type != null && !type.isEmpty()) {
            throw new PoisonBatchException("unknown-type", "unknown body type " + type, null);
        }
        JsonNode tree = parse(body, JsonNode.class);
        try {
            if (tree.has("messages")) {
                return messages(JsonCodec.mapper().treeToValue(tree, MessageBatch.class));
            }
            if (tree.has("events")) {
                return events(JsonCodec.mapper().treeToValue(tree, EventBatch.class));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new PoisonBatchException("malformed", "malformed batch without type", e);
        }
        throw new PoisonBatchException("unknown-type", "body without type is neither a message nor an event batch",
                null);
    }

    private static <T> T parse(byte[] body, Class<T> type) {
        try {
            T value = JsonCodec.fromBytes(body, type);
            if (value == null) {
                throw new PoisonBatchException("malformed", "null " + type.getSimpleName(), null);
            }
            return value;
        } catch (JsonCodec.MalformedPayloadException e) {
            throw new PoisonBatchException("malformed", e.getMessage(), e);
        }
    }

    static DecodedBatch messages(MessageBatch batch) {
        if (batch.messages() == null) {
            throw new PoisonBatchException("malformed", "message batch without messages", null);
        }
        List<Outgoing> items = new ArrayList<>(batch.messages().size());
        List<HistoryEntry> history = new ArrayList<>(batch.messages().size());
        int invalid = 0;
        for (MessageEnvelope envelope : batch.messages()) {
            ChatMessage message = envelope == null ? null : envelope.message();
            if (message == null || isBlank(message.messageId()) || isBlank(message.conversationId())) {
                invalid++;
                continue;
            }
            String json = JsonCodec.toJson(message);
            items.add(new Outgoing(DeliveryItem.MESSAGES, recipients(envelope.memberIds(), null), json));
            history.add(new HistoryEntry(message.conversationId(), message.seq(), json));
        }
        return new DecodedBatch(DecodedBatch.Kind.MESSAGES, items, history, invalid);
    }

    static DecodedBatch events(EventBatch batch) {
        if (batch.events() == null) {
            throw new PoisonBatchException("malformed", "event batch without events", null);
        }
        List<Outgoing> items = new ArrayList<>(batch.events().size());
        int invalid = 0;
        for (EventEnvelope envelope : batch.events()) {
            if (envelope == null || isBlank(envelope.payloadJson())) {
                invalid++;
                continue;
            }
            items.add(new Outgoing(DeliveryItem.EVENTS, recipients(envelope.recipientIds(), envelope.excludeUserId()),
                    envelope.payloadJson()));
        }
        return new DecodedBatch(DecodedBatch.Kind.EVENTS, items, List.of(), invalid);
    }

    /** Distinct, non-blank user ids in their first-seen order, without {@code excluded}. */
    static List<String> recipients(List<String> userIds, String excluded) {
        if (userIds == null || userIds.isEmpty()) {
            return List.of();
        }
        Set<String> distinct = new LinkedHashSet<>(userIds.size() * 2);
        for (String userId : userIds) {
            if (!isBlank(userId) && !Objects.equals(userId, excluded)) {
                distinct.add(userId);
            }
        }
        return List.copyOf(distinct);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
