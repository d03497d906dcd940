package dev.realtime.chat.persistence.write;

import dev.realtime.chat.model.wire.ChatMessage;
import java.util.Collections;
import java.util.IdentityHashMap;
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
