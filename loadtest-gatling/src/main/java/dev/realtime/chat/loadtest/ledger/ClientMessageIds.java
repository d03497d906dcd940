package dev.realtime.chat.loadtest.ledger;

/**
 * The load test's {@code clientMessageId}: {@code <run>.<sender>.<n>.<sendEpochMillis>}. It carries everything a
 * receiver needs to account for the message without shared state: which run (messages of older runs are
 * ignored), who sent it, the sender's message number (dense from 0, so receivers keep a bit set per sender) and
 * the client clock at send time (end-to-end latency = arrival - send, same JVM clock).
 */
public final class ClientMessageIds {

    private ClientMessageIds() {
    }

    public record Parsed(String run, int sender, int number, long sentAtMillis) {
    }

    public static String format(String run, int sender, int number, long sentAtMillis) {
        if (run.indexOf('.') >= 0 || run.isEmpty()) {
            throw new IllegalArgumentException("run id must be non-empty and contain no dot");
        }
        return run + '.' + sender + '.' + number + '.' + sentAtMillis;
    }

    /** @return the parts, or null when the id was not written by {@link #format} */
    public static Parsed parse(String clientMessageId) {
        if (clientMessageId == null) {
            return null;
        }
        int first = clientMessageId.indexOf('.');
        int second = first < 0 ? -1 : clientMessageId.indexOf('.', first + 1);
        int third = second < 0 ? -1 : clientMessageId.indexOf('.', second + 1);
        if (first <= 0 || third < 0 || clientMessageId.indexOf('.', third + 1) >= 0) {
            return null;
        }
        try {
            int sender = Integer.parseInt(clientMessageId, first + 1, second, 10);
            int number = Integer.parseInt(clientMessageId, second + 1, third, 10);
            long sentAt = Long.parseLong(clientMessageId, third + 1, clientMessageId.length(), 10);
            if (sender < 0 || number < 0) {
                return null;
            }
            return new Parsed(clientMessageId.substring(0, first), sender, number, sentAt);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
