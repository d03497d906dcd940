package dev.realtime.chat.loadtest.stomp;

import java.util.Map;

/**
 * One STOMP 1.2 frame as received: command, headers (first occurrence wins, as STOMP 1.2 says, values
 * unescaped) and body (without the NUL terminator).
 */
public record StompFrame(String command, Map<String, String> headers, String body) {

    public StompFrame {
        headers = Map.copyOf(headers);
    }

    public String header(String name) {
        return headers.get(name);
    }

    public boolean is(String expectedCommand) {
        return command.equals(expectedCommand);
    }

    /** The {@code destination} header of a MESSAGE frame. */
    public String destination() {
        return headers.get("destination");
    }
}
