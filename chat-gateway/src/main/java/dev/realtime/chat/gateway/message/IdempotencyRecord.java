package dev.realtime.chat.gateway.message;

import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.wire.ChatMessage;

/**
 * What the idempotency key {@code idem:<sender>:<clientMessageId>} holds: one state byte ({@code P} published
 * but not yet confirmed, {@code C} confirmed by the broker) followed by the message JSON. A resend of a
 * {@code C} message is answered with its ack; of a {@code P} message, the same message is published again.
 */
record IdempotencyRecord(boolean confirmed, ChatMessage message) {

    static final char PENDING = 'P';
    static final char CONFIRMED = 'C';

    static IdempotencyRecord parse(String raw) {
        if (raw == null || raw.length() < 3 || (raw.charAt(0) != PENDING && raw.charAt(0) != CONFIRMED)) {
            throw new IllegalArgumentException("not an idempotency record");
        }
        return new IdempotencyRecord(raw.charAt(0) == CONFIRMED,
                JsonCodec.fromJson(raw.substring(1), ChatMessage.class));
    }
}
