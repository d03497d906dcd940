package dev.realtime.chat.gateway.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.model.codec.JsonCodec;
import java.io.IOException;

/** Reading {@code /app/...} frame bodies by hand: every problem is an {@link InvalidFrameException}. */
public final class FrameBodies {

    private FrameBodies() {
    }

    /** The body as a JSON object. */
    public static JsonNode readObject(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidFrameException("the body must be a JSON object", null);
        }
        JsonNode root;
        try {
            root = JsonCodec.mapper().readTree(body);
        } catch (IOException e) {
            throw new InvalidFrameException("the body is not valid JSON", null);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidFrameException("the body must be a JSON object", null);
        }
        return root;
    }

    /** A text field, or null when absent or JSON null; any other type is invalid. */
    public static String text(JsonNode root, String field, String clientMessageId) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new InvalidFrameException(field + " must be a string", clientMessageId);
        }
        return node.asText();
    }

    /** A required, non-blank text field of at most {@code maxLength} characters. */
    public static String requiredId(JsonNode root, String field, int maxLength, String clientMessageId) {
        String value = text(root, field, clientMessageId);
        if (value == null || value.isBlank()) {
            throw new InvalidFrameException(field + " is required", clientMessageId);
        }
        if (value.length() > maxLength) {
            throw new InvalidFrameException(field + " is longer than " + maxLength + " characters", clientMessageId);
        }
        return value;
    }
}
