package dev.realtime.chat.model.envelope;

import java.util.List;

/**
 * A transient event (typing, receipt, presence) for a set of users. {@code payloadJson} is exactly what the
 * recipients receive on {@code /user/queue/events}; {@code excludeUserId} (may be null) does not get it.
 */
public record EventEnvelope(String conversationId, List<String> recipientIds, String excludeUserId,
        String payloadJson) {
}
