package dev.realtime.chat.gateway.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.gateway.websocket.FrameBodies;
import dev.realtime.chat.gateway.websocket.InvalidFrameException;
import dev.realtime.chat.model.wire.SendMessage;

/**
 * Parses and validates a {@code /app/chat.send} body from its bytes, whatever the frame's content-type: malformed
 * JSON, a missing or non-text field, empty content or content over 4000 characters are an
 * {@link InvalidFrameException} carrying the clientMessageId whenever it could be read.
 */
final class SendRequestParser {

    static final int MAX_CONVERSATION_ID_LENGTH = 128;

    private SendRequestParser() {
    }

    static SendRequest parse(byte[] body) {
        JsonNode root = FrameBodies.readObject(body);
        String clientMessageId = FrameBodies.requiredId(root, "clientMessageId",
                SendMessage.MAX_CLIENT_MESSAGE_ID_LENGTH, null);
        String conversationId = FrameBodies.requiredId(root, "conversationId", MAX_CONVERSATION_ID_LENGTH,
                clientMessageId);
        String content = FrameBodies.text(root, "content", clientMessageId);
        if (content == null) {
            throw new InvalidFrameException("content is required", clientMessageId);
        }
        int characters = content.codePointCount(0, content.length());
        if (characters == 0) {
            throw new InvalidFrameException("content must not be empty", clientMessageId);
        }
        if (characters > SendMessage.MAX_CONTENT_LENGTH) {
            throw new InvalidFrameException("content is longer than " + SendMessage.MAX_CONTENT_LENGTH
                    + " characters", clientMessageId);
        }
        return new SendRequest(conversationId, clientMessageId, content);
    }
}
