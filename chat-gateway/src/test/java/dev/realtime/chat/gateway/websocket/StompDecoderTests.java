package dev.realtime.chat.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StompDecoderTests {

    private final StompDecoder decoder = new StompDecoder(1024);

    private StompDecoder.Decoded decode(String text) {
        return decoder.decode(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesSeveralFramesAndHeartbeatsOfOneMessage() {
        StompDecoder.Decoded decoded = decode("\nSEND\ndestination:/app/chat.send\n\n{\"a\":1}\0\r\n"
                + "SUBSCRIBE\r\nid:1\r\ndestination:/user/queue/acks\r\n\r\n\0\n");
        assertThat(decoded.heartbeat()).isTrue();
        assertThat(decoded.frames()).hasSize(2);
        assertThat(decoded.frames().get(0).command()).isEqualTo("SEND");
        assertThat(new String(decoded.frames().get(0).body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(decoded.frames().get(1).header("destination")).isEqualTo("/user/queue/acks");
        assertThat(decoded.frames().get(1).body()).isEmpty();
    }

    @Test
    void aFrameSplitOverMessagesIsAssembled() {
        assertThat(decode("SEND\ndestination:/app/x\ncontent-le").frames()).isEmpty();
        assertThat(decoder.pendingBytes()).isPositive();
        StompDecoder.Decoded decoded = decode("ngth:3\n\na\0b\0");
        assertThat(decoded.frames()).singleElement().satisfies(frame ->
                assertThat(frame.body()).containsExactly('a', 0, 'b'));
        assertThat(decoder.pendingBytes()).isZero();
    }

    @Test
    void partsOfOneWebSocketMessageAreKeptAndParsedWithTheLastPart() {
        assertThat(decoder.decode("SEND\ndestination:/app/x\n\nhe".getBytes(), false).frames()).isEmpty();
        assertThat(decoder.decode("llo\0SEND\n\n".getBytes(), false).frames()).isEmpty();
        StompDecoder.Decoded decoded = decoder.decode("\0".getBytes(), true);
        assertThat(decoded.frames()).hasSize(2);
        assertThat(new String(decoded.frames().get(0).body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(decoder.pendingBytes()).isZero();
        assertThatThrownBy(() -> decoder.decode(new byte[2000], false))
                .isInstanceOfSatisfying(StompProtocolException.class, e -> assertThat(e.tooBig()).isTrue());
    }

    @Test
    void headersAreUnescapedAndTheFirstOfRepeatedHeadersWins() {
        StompFrame frame = decode("SEND\nk\\cey:a\\nb\\\\c\\r\nk:y\nk:z\n\n\0").frames().get(0);
        assertThat(frame.header("k:ey")).isEqualTo("a\nb\\c\r");
        assertThat(frame.header("k")).isEqualTo("y");
        // CONNECT headers are taken literally
        assertThat(decode("CONNECT\npasscode:a\\cb\n\n\0").frames().get(0).header("passcode")).isEqualTo("a\\cb");
    }

    @Test
    void malformedInputIsAProtocolError() {
        assertThatThrownBy(() -> decode("hello\n\n\0")).isInstanceOf(StompProtocolException.class);
        assertThatThrownBy(() -> new StompDecoder(1024).decode("SEND\nnocolon\n\n\0".getBytes()))
                .isInstanceOf(StompProtocolException.class);
        assertThatThrownBy(() -> new StompDecoder(1024).decode("SEND\nk:\\t\n\n\0".getBytes()))
                .isInstanceOf(StompProtocolException.class);
        assertThatThrownBy(() -> new StompDecoder(1024).decode("SEND\ncontent-length:x\n\n\0".getBytes()))
                .isInstanceOf(StompProtocolException.class);
        assertThatThrownBy(() -> new StompDecoder(1024).decode("SEND\ncontent-length:1\n\nab\0".getBytes()))
                .isInstanceOf(StompProtocolException.class);
    }

    @Test
    void aFrameLargerThanTheLimitIsRefusedAsTooBig() {
        assertThatThrownBy(() -> decode("SEND\n\n" + "x".repeat(2000)))
                .isInstanceOfSatisfying(StompProtocolException.class, e -> assertThat(e.tooBig()).isTrue());
        assertThatThrownBy(() -> new StompDecoder(1024).decode("SEND\ncontent-length:5000\n\n".getBytes()))
                .isInstanceOfSatisfying(StompProtocolException.class, e -> assertThat(e.tooBig()).isTrue());
    }

    @Test
    void theEncoderEscapesHeadersAndCountsUtf8Bytes() {
        String frame = StompEncoder.message("/user/queue/messages", "s:1", "m-1", "{\"c\":\"h\u00e9\uD83D\uDE00\"}", true);
        assertThat(frame).contains("subscription:s\\c1\n").contains("content-length:15\n").endsWith("\0");
        StompFrame decoded = new StompDecoder(1024).decode(frame.getBytes(StandardCharsets.UTF_8)).frames().get(0);
        assertThat(decoded.header("subscription")).isEqualTo("s:1");
        assertThat(new String(decoded.body(), StandardCharsets.UTF_8)).isEqualTo("{\"c\":\"h\u00e9\uD83D\uDE00\"}");
        assertThat(StompEncoder.error("forbidden", "no \"way\"", "r1", true))
                .contains("message:forbidden\\c no \"way\"\n").contains("receipt-id:r1\n")
                .contains("{\"code\":\"forbidden\",\"message\":\"no 'way'\",\"clientMessageId\":null}");
    }
}
