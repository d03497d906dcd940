package dev.realtime.chat.loadtest.stomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StompFramesTests {

    @Test
    void connectCarriesBearerTokenVersionHostAndHeartbeats() {
        String frame = StompFrames.connectWithToken("localhost", "abc.def", 10000, 10000);

        assertThat(frame).isEqualTo("CONNECT\naccept-version:1.2\nhost:localhost\nheart-beat:10000,10000\n"
                + "Authorization:Bearer abc.def\n\n\0");
    }

    @Test
    void connectWithLoginCarriesLoginAndPasscode() {
        String frame = StompFrames.connectWithLogin("/", "guest", "guest", 0, 0);

        assertThat(frame).startsWith("CONNECT\n").contains("\nlogin:guest\n", "\npasscode:guest\n",
                "\nheart-beat:0,0\n", "\nhost:/\n").endsWith("\n\n\0");
    }

    @Test
    void connectRejectsNegativeHeartbeat() {
        assertThatThrownBy(() -> StompFrames.connectWithToken("h", "t", -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subscribeNamesIdDestinationAndAutoAck() {
        assertThat(StompFrames.subscribe("sub-0", "/user/queue/messages"))
                .isEqualTo("SUBSCRIBE\nid:sub-0\ndestination:/user/queue/messages\nack:auto\n\n\0");
    }

    @Test
    void sendCountsContentLengthInUtf8Bytes() {
        String body = "{\"content\":\"h\u00e9llo \u20ac \uD83D\uDE00\"}";
        String frame = StompFrames.send("/app/chat.send", body, null);

        int expectedBytes = body.getBytes(StandardCharsets.UTF_8).length;
        assertThat(expectedBytes).isGreaterThan(body.length());
        assertThat(frame).isEqualTo("SEND\ndestination:/app/chat.send\ncontent-type:application/json\n"
                + "content-length:" + expectedBytes + "\n\n" + body + "\0");
    }

    @Test
    void sendAddsReceiptWhenAsked() {
        assertThat(StompFrames.send("/exchange/amq.topic/c1", "{}", "r-1")).contains("\nreceipt:r-1\n");
    }

    @Test
    void headerValuesAreEscapedInSendAndUnescapedWhenRead() {
        String frame = StompFrames.send("/exchange/amq.topic/a:b\\c", "{}", "line\nbreak");

        assertThat(frame).contains("destination:/exchange/amq.topic/a\\cb\\\\c\n", "receipt:line\\nbreak\n");
        StompFrame parsed = StompFrames.parse(frame).frames().get(0);
        assertThat(parsed.destination()).isEqualTo("/exchange/amq.topic/a:b\\c");
        assertThat(parsed.header("receipt")).isEqualTo("line\nbreak");
    }

    @Test
    void disconnectWithReceipt() {
        assertThat(StompFrames.disconnect("bye")).isEqualTo("DISCONNECT\nreceipt:bye\n\n\0");
        assertThat(StompFrames.disconnect(null)).isEqualTo("DISCONNECT\n\n\0");
    }

    @Test
    void parsesConnectedFrameWithHeartbeatHeader() {
        StompFrames.Parsed parsed = StompFrames.parse("CONNECTED\nversion:1.2\nheart-beat:10000,10000\n"
                + "user-name:u-1\n\n\0");

        assertThat(parsed.frames()).hasSize(1);
        StompFrame frame = parsed.frames().get(0);
        assertThat(frame.is("CONNECTED")).isTrue();
        assertThat(frame.header("version")).isEqualTo("1.2");
        assertThat(frame.header("heart-beat")).isEqualTo("10000,10000");
        assertThat(frame.body()).isEmpty();
    }

    @Test
    void connectedHeadersAreNotUnescaped() {
        StompFrame frame = StompFrames.parse("CONNECTED\nserver:x\\y\n\n\0").frames().get(0);

        assertThat(frame.header("server")).isEqualTo("x\\y");
    }

    @Test
    void parsesMessageFrameWithHeadersAndJsonBody() {
        String body = "{\"messageId\":\"m1\",\"seq\":7}";
        StompFrames.Parsed parsed = StompFrames.parse("MESSAGE\ndestination:/user/queue/messages\n"
                + "content-type:application/json\nsubscription:sub-0\nmessage-id:abc-1\ncontent-length:"
                + body.length() + "\n\n" + body + "\0");

        StompFrame frame = parsed.frames().get(0);
        assertThat(frame.command()).isEqualTo("MESSAGE");
        assertThat(frame.destination()).isEqualTo("/user/queue/messages");
        assertThat(frame.header("subscription")).isEqualTo("sub-0");
        assertThat(frame.header("message-id")).isEqualTo("abc-1");
        assertThat(frame.body()).isEqualTo(body);
        assertThat(parsed.heartbeats()).isZero();
    }

    @Test
    void contentLengthAllowsNulInsideBody() {
        String body = "a\0b";
        StompFrame frame = StompFrames.parse("MESSAGE\ncontent-length:3\n\n" + body + "\0").frames().get(0);

        assertThat(frame.body()).isEqualTo(body);
    }

    @Test
    void contentLengthCountsMultiByteCharacters() {
        String body = "\u00e9\u20ac\uD83D\uDE00";
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        StompFrame frame = StompFrames.parse("MESSAGE\ncontent-length:" + bytes + "\n\n" + body + "\0")
                .frames().get(0);

        assertThat(frame.body()).isEqualTo(body);
    }

    @Test
    void bodyWithoutContentLengthEndsAtNul() {
        StompFrame frame = StompFrames.parse("MESSAGE\ndestination:/d\n\nhello\0").frames().get(0);

        assertThat(frame.body()).isEqualTo("hello");
    }

    @Test
    void parsesErrorFrameWithMessageHeader() {
        StompFrame frame = StompFrames.parse("ERROR\nmessage:unauthorized\ncontent-type:text/plain\n\n"
                + "bad token\0").frames().get(0);

        assertThat(frame.is("ERROR")).isTrue();
        assertThat(frame.header("message")).isEqualTo("unauthorized");
        assertThat(frame.body()).isEqualTo("bad token");
    }

    @Test
    void parsesReceiptFrame() {
        StompFrame frame = StompFrames.parse("RECEIPT\nreceipt-id:r-9\n\n\0").frames().get(0);

        assertThat(frame.header("receipt-id")).isEqualTo("r-9");
    }

    @Test
    void aLoneEndOfLineIsAHeartbeat() {
        assertThat(StompFrames.parse("\n").isHeartbeatOnly()).isTrue();
        assertThat(StompFrames.parse("\r\n").heartbeats()).isEqualTo(1);
        assertThat(StompFrames.parse(StompFrames.HEARTBEAT).frames()).isEmpty();
    }

    @Test
    void parsesSeveralFramesAndHeartbeatsInOneWebSocketMessage() {
        StompFrames.Parsed parsed = StompFrames.parse("\nMESSAGE\ndestination:/a\n\none\0\n\n"
                + "MESSAGE\r\ndestination:/b\r\n\r\ntwo\0");

        assertThat(parsed.frames()).extracting(StompFrame::body).containsExactly("one", "two");
        assertThat(parsed.frames()).extracting(StompFrame::destination).containsExactly("/a", "/b");
        assertThat(parsed.heartbeats()).isEqualTo(3);
    }

    @Test
    void firstOccurrenceOfARepeatedHeaderWins() {
        StompFrame frame = StompFrames.parse("MESSAGE\nfoo:first\nfoo:second\n\n\0").frames().get(0);

        assertThat(frame.header("foo")).isEqualTo("first");
    }

    @Test
    void roundTripsEveryFrameItWrites() {
        String send = StompFrames.send("/app/chat.send", "{\"k\":\"v\"}", "r");
        StompFrame frame = StompFrames.parse(send).frames().get(0);

        assertThat(frame.command()).isEqualTo("SEND");
        assertThat(frame.body()).isEqualTo("{\"k\":\"v\"}");
        assertThat(frame.header("content-type")).isEqualTo("application/json");
    }

    @Test
    void rejectsFrameWithoutNulTerminator() {
        assertThatThrownBy(() -> StompFrames.parse("MESSAGE\ndestination:/a\n\nbody"))
                .isInstanceOf(StompParseException.class).hasMessageContaining("NUL");
    }

    @Test
    void rejectsFrameCutInItsHeaders() {
        assertThatThrownBy(() -> StompFrames.parse("MESSAGE\ndestination:/a"))
                .isInstanceOf(StompParseException.class);
    }

    @Test
    void rejectsBodyShorterThanContentLength() {
        assertThatThrownBy(() -> StompFrames.parse("MESSAGE\ncontent-length:10\n\nabc\0"))
                .isInstanceOf(StompParseException.class);
    }

    @Test
    void rejectsMissingNulAtContentLength() {
        assertThatThrownBy(() -> StompFrames.parse("MESSAGE\ncontent-length:2\n\nabc\0"))
                .isInstanceOf(StompParseException.class).hasMessageContaining("content-length");
    }

    @Test
    void rejectsMalformedHeaderAndBadEscape() {
        assertThatThrownBy(() -> StompFrames.parse("MESSAGE\nnocolon\n\n\0"))
                .isInstanceOf(StompParseException.class);
        assertThatThrownBy(() -> StompFrames.parse("MESSAGE\nfoo:a\\tb\n\n\0"))
                .isInstanceOf(StompParseException.class).hasMessageContaining("escape");
        assertThatThrownBy(() -> StompFrames.parse("MESSAGE\ncontent-length:x\n\n\0"))
                .isInstanceOf(StompParseException.class);
    }
}
