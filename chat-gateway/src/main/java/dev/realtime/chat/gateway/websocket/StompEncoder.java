package dev.realtime.chat.gateway.websocket;

/**
 * The frames the gateway writes, as the text of one WebSocket message each. Header values are escaped for STOMP
 * 1.1/1.2 ({@code escape = true}); CONNECTED is never escaped, as the specification says. Bodies are JSON text:
 * {@code content-length} is their UTF-8 length, so clients may read bodies by length or to the NUL.
 */
public final class StompEncoder {

    /** What the server sends as a heart-beat: one EOL. */
    public static final String HEARTBEAT = "\n";

    private StompEncoder() {
    }

    public static String connected(String version, long sendMillis, long receiveMillis, String userName) {
        return "CONNECTED\nversion:" + version + "\nheart-beat:" + sendMillis + ',' + receiveMillis
                + "\nuser-name:" + userName + "\n\n\0";
    }

    public static String message(String destination, String subscription, String messageId, String json,
            boolean escape) {
        StringBuilder frame = new StringBuilder(json.length() + destination.length() + subscription.length() + 96);
        frame.append("MESSAGE\ndestination:");
        header(frame, destination, escape);
        frame.append("\ncontent-type:application/json\nsubscription:");
        header(frame, subscription, escape);
        frame.append("\nmessage-id:").append(messageId)
                .append("\ncontent-length:").append(utf8Length(json))
                .append("\n\n").append(json).append('\0');
        return frame.toString();
    }

    public static String receipt(String receiptId, boolean escape) {
        StringBuilder frame = new StringBuilder(32 + receiptId.length());
        frame.append("RECEIPT\nreceipt-id:");
        header(frame, receiptId, escape);
        return frame.append("\n\n\0").toString();
    }

    /** ERROR: {@code message} header {@code "<code>: <text>"}, JSON body as on {@code /user/queue/errors}. */
    public static String error(String code, String safeMessage, String receiptId, boolean escape) {
        String body = "{\"code\":\"" + code + "\",\"message\":\"" + jsonSafe(safeMessage) + "\",\"clientMessageId\":null}";
        StringBuilder frame = new StringBuilder(body.length() + 96);
        frame.append("ERROR\nmessage:");
        header(frame, code + ": " + safeMessage, escape);
        if (receiptId != null) {
            frame.append("\nreceipt-id:");
            header(frame, receiptId, escape);
        }
        frame.append("\ncontent-type:application/json\ncontent-length:").append(utf8Length(body))
                .append("\n\n").append(body).append('\0');
        return frame.toString();
    }

    private static void header(StringBuilder out, String value, boolean escape) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append(escape ? "\\n" : " ");
                case '\r' -> out.append(escape ? "\\r" : " ");
                case ':' -> out.append(escape ? "\\c" : ":");
                case '\\' -> out.append(escape ? "\\\\" : "\\");
                default -> out.append(c);
            }
        }
    }

    private static String jsonSafe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\'');
            } else if (c < 0x20) {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The UTF-8 length of {@code text} without encoding it. */
    static int utf8Length(String text) {
        int length = text.length();
        int bytes = length;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for the pair of 2 chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
