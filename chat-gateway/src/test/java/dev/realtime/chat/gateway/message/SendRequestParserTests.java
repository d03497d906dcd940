package dev.realtime.chat.gateway.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.realtime.chat.gateway.websocket.InvalidFrameException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SendRequestParserTests {

    private static InvalidFrameException invalid(String body) {
        return catchThrowableOfType(InvalidFrameException.class,
                () -> SendRequestParser.parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void acceptsAValidBodyWhateverElseItCarries() {
        SendRequest request = SendRequestParser.parse(
                "{\"conversationId\":\"c\",\"clientMessageId\":\"m\",\"content\":\"hi\",\"senderId\":\"mallory\"}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(request).isEqualTo(new SendRequest("c", "m", "hi"));
    }

    @Test
    void malformedJsonIsInvalidWithoutAClientMessageId() {
        InvalidFrameException e = invalid("{\"conversationId\": oops");
        assertThat(e.getMessage()).isEqualTo("the body is not valid JSON");
        assertThat(e.clientMessageId()).isNull();
        assertThat(invalid("[1,2]").getMessage()).isEqualTo("the body must be a JSON object");
        assertThat(invalid("").clientMessageId()).isNull();
    }

    @Test
    void missingFieldsAreInvalidAndCarryTheClientMessageIdWhenKnown() {
        assertThat(invalid("{\"conversationId\":\"c\",\"content\":\"x\"}").getMessage())
                .isEqualTo("clientMessageId is required");
        InvalidFrameException noConversation = invalid("{\"clientMessageId\":\"m1\",\"content\":\"x\"}");
        assertThat(noConversation.clientMessageId()).isEqualTo("m1");
        assertThat(noConversation.getMessage()).isEqualTo("conversationId is required");
        assertThat(invalid("{\"clientMessageId\":\"m2\",\"conversationId\":\"c\"}").clientMessageId())
                .isEqualTo("m2");
        assertThat(invalid("{\"clientMessageId\":\"m3\",\"conversationId\":\"c\",\"content\":7}").getMessage())
                .isEqualTo("content must be a string");
    }

    @Test
    void contentMustHoldOneToFourThousandCharacters() {
        assertThat(invalid("{\"clientMessageId\":\"m\",\"conversationId\":\"c\",\"content\":\"\"}").getMessage())
                .isEqualTo("content must not be empty");
        assertThat(invalid("{\"clientMessageId\":\"m\",\"conversationId\":\"c\",\"content\":\"" + "x".repeat(4001)
                + "\"}").getMessage()).isEqualTo("content is longer than 4000 characters");
        String emoji = "\uD83D\uDE00".repeat(4000); // 4000 characters, 8000 UTF-16 units
        assertThat(SendRequestParser.parse(("{\"clientMessageId\":\"m\",\"conversationId\":\"c\",\"content\":\""
                + emoji + "\"}").getBytes(StandardCharsets.UTF_8)).content()).isEqualTo(emoji);
    }
}
