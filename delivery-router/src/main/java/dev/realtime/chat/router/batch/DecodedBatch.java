package dev.realtime.chat.router.batch;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An input batch as the router works with it.
 *
 * @param kind messages or events
 * @param items what to deliver, in batch order
 * @param history what to append to recent history (messages only)
 * @param invalidEntries entries of the batch that could not be used (missing ids) and were skipped
 */
public record DecodedBatch(Kind kind, List<Outgoing> items, List<HistoryEntry> history, int invalidEntries) {

    public enum Kind {
        MESSAGES, EVENTS;

        /** Bounded metric tag value. */
        public String tag() {
            return this == MESSAGES ? "message" : "event";
        }
    }

    public DecodedBatch {
        items = List.copyOf(items);
        history = List.copyOf(history);
    }

    /** Every distinct recipient of the batch, in first-seen order. */
    public Set<String> recipients() {
        Set<String> all = new LinkedHashSet<>();
        for (Outgoing item : items) {
            all.addAll(item.recipientIds());
        }
        return all;
    }

    public boolean hasRecipients() {
        for (Outgoing item : items) {
            if (!item.recipientIds().isEmpty()) {
                return true;
            }
        }
        return false;
    }
}
