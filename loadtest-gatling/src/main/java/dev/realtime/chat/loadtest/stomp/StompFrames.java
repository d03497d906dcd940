package dev.realtime.chat.loadtest.stomp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * STOMP 1.2 frames written and read as WebSocket text frames (Gatling has no STOMP DSL).
 *
 * <p>Writing: CONNECT (with {@code Authorization: Bearer} or login/passcode), SUBSCRIBE, SEND (with
 * {@code content-length} in UTF-8 bytes), DISCONNECT and the heart-beat (a lone EOL). Reading: any number of
 * frames and heart-beats in one WebSocket message, headers unescaped (except in CONNECTED, which STOMP 1.2
 * never escapes), bodies delimited by {@code content-length} when present, else by the NUL terminator.
 */
public final class StompFrames {

    public static final char NUL = '\0';
    /** A heart-beat: one end-of-line, alone in its WebSocket message. */
    public static final String HEARTBEAT = "\n";

    private StompFrames() {
    }

    /** Result of {@link #parse}: the frames in order and how many heart-beat EOLs stood between them. */
    public record Parsed(List<StompFrame> frames, int heartbeats) {

        public Parsed {
            frames = List.copyOf(frames);
        }

        public boolean isHeartbeatOnly() {
            return frames.isEmpty() && heartbeats > 0;
        }
    }

    /** CONNECT for the chat gateways: the token goes in the {@code Authorization} header. */
    public static String connectWithToken(String host, String bearerToken, int clientHeartbeatMillis,
            int serverHeartbeatMillis) {
        Map<String, String> headers = connectHeaders(host, clientHeartbeatMillis, serverHeartbeatMillis);
        headers.put("Authorization", "Bearer " + bearerToken);
        return frame("CONNECT", headers, "", false);
    }

    /** CONNECT with login/passcode (RabbitMQ Web-STOMP: guest/guest; the gateways also take the token as passcode). */
    public static String connectWithLogin(String host, String login, String passcode, int clientHeartbeatMillis,
            int serverHeartbeatMillis) {
        Map<String, String> headers = connectHeaders(host, clientHeartbeatMillis, serverHeartbeatMillis);
        headers.put("login", login);
        headers.put("passcode", passcode);
        return frame("CONNECT", headers, "", false);
    }

    private static Map<String, String> connectHeaders(String host, int clientHeartbeatMillis,
            int serverHeartbeatMillis) {
        if (clientHeartbeatMillis < 0 || serverHeartbeatMillis < 0) {
            throw new IllegalArgumentException("heart-beat intervals must be >= 0");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept-version", "1.2");
        headers.put("host", host);
        headers.put("heart-beat", clientHeartbeatMillis + "," + serverHeartbeatMillis);
        return headers;
    }

    public static String subscribe(String id, String destination) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("id", id);
        headers.put("destination", destination);
        headers.put("ack", "auto");
        return frame("SUBSCRIBE", headers, "", true);
    }

    /** SEND with a JSON body; {@code receipt} may be null (RabbitMQ answers a receipt once it confirmed). */
    public static String send(String destination, String jsonBody, String receipt) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("destination", destination);
        headers.put("content-type", "application/json");
        headers.put("content-length", Integer.toString(jsonBody.getBytes(StandardCharsets.UTF_8).length));
        if (receipt != null) {
            headers.put("receipt", receipt);
        }
        return frame("SEND", headers, jsonBody, true);
    }

    public static String disconnect(String receipt) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (receipt != null) {
            headers.put("receipt", receipt);
        }
        return frame("DISCONNECT", headers, "", true);
    }

    static String frame(String command, Map<String, String> headers, String body, boolean escapeHeaders) {
        StringBuilder out = new StringBuilder(command.length() + body.length() + 64 * headers.size());
        out.append(command).append('\n');
        headers.forEach((name, value) -> {
            out.append(escapeHeaders ? escape(name) : name).append(':')
                    .append(escapeHeaders ? escape(value) : value).append('\n');
        });
        return out.append('\n').append(body).append(NUL).toString();
    }

    /** STOMP 1.2 header escaping: backslash, CR, LF and colon. */
    static String escape(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String replacement = switch (c) {
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case ':' -> "\\c";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }

    static String unescape(String value) {
        if (value.indexOf('\\') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= value.length()) {
                throw new StompParseException("header value ends with a lone backslash");
            }
            char next = value.charAt(++i);
            out.append(switch (next) {
                case '\\' -> '\\';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 'c' -> ':';
                default -> throw new StompParseException("undefined escape \\" + next + " in header value");
            });
        }
        return out.toString();
    }

    /**
     * Parses one WebSocket text message holding zero or more frames and heart-beats.
     *
     * @throws StompParseException when a frame is cut short or malformed
     */
    public static Parsed parse(String text) {
        List<StompFrame> frames = new ArrayList<>(1);
        int heartbeats = 0;
        int pos = 0;
        int length = text.length();
        while (pos < length) {
            char c = text.charAt(pos);
            if (c == '\n') {
                heartbeats++;
                pos++;
                continue;
            }
            if (c == '\r' && pos + 1 < length && text.charAt(pos + 1) == '\n') {
                heartbeats++;
                pos += 2;
                continue;
            }
            pos = parseFrame(text, pos, frames);
        }
        return new Parsed(frames, heartbeats);
    }

    /** Parses one frame starting at {@code start}; returns the index just past its NUL. */
    private static int parseFrame(String text, int start, List<StompFrame> frames) {
        int lineEnd = lineEnd(text, start);
        String command = stripCr(text.substring(start, lineEnd));
        if (command.isEmpty()) {
            throw new StompParseException("frame without a command");
        }
        boolean escaped = !command.equals("CONNECTED") && !command.equals("CONNECT");
        Map<String, String> headers = new LinkedHashMap<>();
        int pos = lineEnd + 1;
        while (true) {
            if (pos >= text.length()) {
                throw new StompParseException(command + " frame cut short in its headers");
            }
            int end = lineEnd(text, pos);
            String line = stripCr(text.substring(pos, end));
            pos = end + 1;
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new StompParseException("malformed header line in " + command + " frame");
            }
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1);
            if (escaped) {
                name = unescape(name);
                value = unescape(value);
            }
            headers.putIfAbsent(name, value);
        }
        int bodyEnd;
        String contentLength = headers.get("content-length");
        if (contentLength != null) {
            bodyEnd = indexAfterUtf8Bytes(text, pos, parseLength(contentLength, command));
            if (bodyEnd >= text.length() || text.charAt(bodyEnd) != NUL) {
                throw new StompParseException(command + " frame body does not end with NUL at content-length");
            }
        } else {
            bodyEnd = text.indexOf(NUL, pos);
            if (bodyEnd < 0) {
                throw new StompParseException(command + " frame without NUL terminator");
            }
        }
        frames.add(new StompFrame(command, headers, text.substring(pos, bodyEnd)));
        return bodyEnd + 1;
    }

    private static int lineEnd(String text, int from) {
        int end = text.indexOf('\n', from);
        if (end < 0) {
            throw new StompParseException("frame cut short: no end of line");
        }
        return end;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static int parseLength(String value, String command) {
        try {
            int length = Integer.parseInt(value.trim());
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw new StompParseException("bad content-length in " + command + " frame");
        }
    }

    /** The char index reached after {@code bytes} UTF-8 bytes from {@code from}. */
    private static int indexAfterUtf8Bytes(String text, int from, int bytes) {
        int index = from;
        int counted = 0;
        while (counted < bytes) {
            if (index >= text.length()) {
                throw new StompParseException("frame body shorter than its content-length");
            }
            char c = text.charAt(index);
            if (c < 0x80) {
                counted += 1;
            } else if (c < 0x800) {
                counted += 2;
            } else if (Character.isHighSurrogate(c)) {
                counted += 4;
                index++;
            } else {
                counted += 3;
            }
            index++;
        }
        if (counted != bytes) {
            throw new StompParseException("content-length splits a character");
        }
        return index;
    }
}
