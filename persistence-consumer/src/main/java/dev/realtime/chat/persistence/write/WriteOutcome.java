package dev.realtime.chat.persistence.write;

import dev.realtime.chat.model.wire.ChatMessage;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Which messages of one write failed (by instance), and with what. Empty failures: everything is stored. */
public final class WriteOutcome {

    private static final WriteOutcome SUCCESS = new WriteOutcome(Map.of());

    private final Map<ChatMessage, Throwable> failures;

    private WriteOutcome(Map<ChatMessage, Throwable> failures) {
        this.failures = failures;
    }

    public static WriteOutcome success() {
        return SUCCESS;
    }

    /** @param failures keyed by message instance (an IdentityHashMap; copied) */
    public static WriteOutcome of(Map<ChatMessage, Throwable> failures) {
        if (failures.isEmpty()) {
            return SUCCESS;
        }
        Map<ChatMessage, Throwable> copy = new IdentityHashMap<>(failures);
        return new WriteOutcome(Collections.unmodifiableMap(copy));
    }

    /** The outcome of these messages alone (of a write that carried others too). */
    public WriteOutcome only(List<ChatMessage> messages) {
        if (failures.isEmpty()) {
            return this;
        }
        Map<ChatMessage, Throwable> mine = new IdentityHashMap<>();
        for (ChatMessage message : messages) {
            Throwable failure = failures.get(message);
            if (failure != null) {
                mine.put(message, failure);
            }
        }
        return of(mine);
    }

    public boolean allWritten() {
        return failures.isEmpty();
    }

    /** The error of this message instance, or null when all its rows are written. */
    public Throwable failureOf(ChatMessage message) {
        return failures.get(message);
    }

    public boolean anyUnavailable() {
        return failures.values().stream().anyMatch(e -> FailureClassifier.classify(e) == FailureKind.UNAVAILABLE);
    }

    public int failedCount() {
        return failures.size();
    }
}
