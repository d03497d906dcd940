package dev.realtime.chat.gateway.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * STOMP 1.0–1.2 frames out of the WebSocket messages of one connection (not thread-safe: Tomcat hands a
 * connection's messages over one at a time). A message may hold several frames and heart-beats (bare EOLs); a
 * frame may also span messages: the unfinished tail is kept, up to {@code maxFrameBytes}.
 *
 * <p>{@code content-length}, when present, sizes the body (which may then contain NULs); otherwise the body runs
 * to the first NUL. Header values are unescaped ({@code \r \n \c \\}) except in CONNECT/STOMP frames, as the
 * specification says; an undefined escape is a protocol error.
 */
public final class StompDecoder {

    /** The frames of one {@link #decode} call, and whether heart-beats came with them. */
    public record Decoded(List<StompFrame> frames, boolean heartbeat) {
    }

    private static final Decoded NOTHING = new Decoded(List.of(), false);

    private final int maxFrameBytes;
    private byte[] pending = EMPTY;
    private int pendingLength;

    public StompDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /** A whole WebSocket message (or the last part of one). */
    public Decoded decode(byte[] input) {
        return decode(input, true);
    }

    /**
     * @param last false for a part of a WebSocket message that has more parts to come: it is only kept (up to
     *             {@code maxFrameBytes}), and parsed with the last part
     */
    public Decoded decode(byte[] input, boolean last) {
        byte[] data = input;
        int length = input.length;
        if (pendingLength > 0 || !last) {
            append(input);
            if (!last) {
                return NOTHING;
            }
            data = pending;
            length = pendingLength;
        }
        List<StompFrame> frames = new ArrayList<>(1);
        boolean heartbeat = false;
        int position = 0;
        while (position < length) {
            byte b = data[position];
            if (b == '\n' || b == '\r') {
                heartbeat = true;
                position++;
                continue;
            }
            int end = frame(data, position, length, frames);
            if (end < 0) {
                break; // incomplete: keep the rest for the next message
            }
            position = end;
        }
        int rest = length - position;
        if (rest > maxFrameBytes) {
            reset();
            throw new StompProtocolException("frame larger than " + maxFrameBytes + " bytes", true);
        }
        byte[] tail = rest == 0 ? EMPTY : java.util.Arrays.copyOfRange(data, position, length);
        reset();
        if (rest > 0) {
            append(tail);
        }
        return new Decoded(frames, heartbeat);
    }

    private void append(byte[] input) {
        int needed = pendingLength + input.length;
        if (needed > maxFrameBytes + 1) {
            reset();
            throw new StompProtocolException("frame larger than " + maxFrameBytes + " bytes", true);
        }
        if (needed > pending.length) {
            pending = java.util.Arrays.copyOf(pending, Math.max(needed, Math.min(maxFrameBytes + 1,
                    Math.max(256, pending.length * 2))));
        }
        System.arraycopy(input, 0, pending, pendingLength, input.length);
        pendingLength = needed;
    }

    private void reset() {
        pending = EMPTY;
        pendingLength = 0;
    }

    /** Bytes waiting for the rest of their frame. */
    public int pendingBytes() {
        return pendingLength;
    }

    /** @return the index after the frame (and its NUL), or -1 when the frame is not complete yet */
    private int frame(byte[] data, int start, int length, List<StompFrame> out) {
        int lineEnd = indexOf(data, start, length, (byte) '\n');
        if (lineEnd < 0) {
            return -1;
        }
        String command = ascii(data, start, trimCr(data, start, lineEnd));
        if (command.isEmpty() || !isCommand(command)) {
            throw new StompProtocolException("not a STOMP command");
        }
        boolean unescape = !"CONNECT".equals(command) && !"STOMP".equals(command);
        Map<String, String> headers = new HashMap<>(8);
        int position = lineEnd + 1;
        while (true) {
            int end = indexOf(data, position, length, (byte) '\n');
            if (end < 0) {
                return -1;
            }
            int contentEnd = trimCr(data, position, end);
            if (contentEnd == position) {
                position = end + 1;
                break;
            }
            int colon = indexOf(data, position, contentEnd, (byte) ':');
            if (colon < 0) {
                throw new StompProtocolException("a header line without ':'");
            }
            String name = utf8(data, position, colon);
            String value = utf8(data, colon + 1, contentEnd);
            if (unescape) {
                name = unescape(name);
                value = unescape(value);
            }
            headers.putIfAbsent(name, value);
            position = end + 1;
        }
        String contentLength = headers.get("content-length");
        int bodyEnd;
        if (contentLength != null) {
            int bodyLength;
            try {
                bodyLength = Integer.parseInt(contentLength.trim());
            } catch (NumberFormatException e) {
                throw new StompProtocolException("content-length is not a number");
            }
            if (bodyLength < 0) {
                throw new StompProtocolException("content-length is negative");
            }
            if (bodyLength > maxFrameBytes) {
                throw new StompProtocolException("frame larger than " + maxFrameBytes + " bytes", true);
            }
            bodyEnd = position + bodyLength;
            if (bodyEnd >= length) {
                return -1;
            }
            if (data[bodyEnd] != 0) {
                throw new StompProtocolException("no NUL after content-length bytes of body");
            }
        } else {
            bodyEnd = indexOf(data, position, length, (byte) 0);
            if (bodyEnd < 0) {
                return -1;
            }
        }
        if (bodyEnd + 1 - start > maxFrameBytes) {
            throw new StompProtocolException("frame larger than " + maxFrameBytes + " bytes", true);
        }
        byte[] body = bodyEnd == position ? EMPTY : java.util.Arrays.copyOfRange(data, position, bodyEnd);
        out.add(new StompFrame(command, headers, body));
        return bodyEnd + 1;
    }

    private static final byte[] EMPTY = new byte[0];

    private static boolean isCommand(String command) {
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    static String unescape(String value) {
        int backslash = value.indexOf('\\');
        if (backslash < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        out.append(value, 0, backslash);
        for (int i = backslash; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= value.length()) {
                throw new StompProtocolException("a header ends with an unfinished escape");
            }
            switch (value.charAt(i)) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'c' -> out.append(':');
                case '\\' -> out.append('\\');
                default -> throw new StompProtocolException("undefined escape in a header");
            }
        }
        return out.toString();
    }

    private static int trimCr(byte[] data, int start, int lineEnd) {
        return lineEnd > start && data[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
    }

    private static int indexOf(byte[] data, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(byte[] data, int from, int to) {
        return new String(data, from, to - from, StandardCharsets.US_ASCII);
    }

    private static String utf8(byte[] data, int from, int to) {
        return new String(data, from, to - from, StandardCharsets.UTF_8);
    }
}
