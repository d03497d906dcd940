package dev.realtime.chat.gateway.message;

import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.wire.ChatMessage;

/**
 * A message's JSON cut around its seq, so that the Lua script can store the complete message under the
 * idempotency key without a JSON library: {@code prefix + seq + suffix} is exactly
 * {@code JsonCodec.toJson(message with that seq)}.
 */
record MessageTemplate(String prefix, String suffix) {

    static final long PLACEHOLDER_SEQ = Long.MIN_VALUE;
    private static final String SEQ_FIELD = "\"seq\":" + PLACEHOLDER_SEQ;

    static MessageTemplate of(ChatMessage message) {
        if (message.seq() != PLACEHOLDER_SEQ) {
            throw new IllegalArgumentException("the message must carry the placeholder seq");
        }
        String json = JsonCodec.toJson(message);
        // Field names and string values are quoted and escaped: the unescaped "seq": can only be the field.
        int at = json.indexOf(SEQ_FIELD);
        if (at < 0) {
            throw new IllegalStateException("no seq field in the message JSON");
        }
        int valueStart = at + "\"seq\":".length();
        return new MessageTemplate(json.substring(0, valueStart),
                json.substring(valueStart + Long.toString(PLACEHOLDER_SEQ).length()));
    }

    String withSeq(long seq) {
        return prefix + seq + suffix;
    }
}
