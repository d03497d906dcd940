package dev.realtime.chat.persistence.admin;

import java.util.List;

/**
 * One message of {@code chat.persist.dlq} as operators see it: never content.
 *
 * @param reason the {@code x-chat-failure-reason} header ({@code <kind>: <detail>}), or the broker's dead-letter
 *        reason for messages the broker dead-lettered
 * @param messageCount chat messages in the body; 0 when the body is not a MessageBatch
 * @param firstMessageIds up to five message ids of the body
 * @param failedAt when it was dead-lettered (ISO-8601), when known
 */
public record DeadLetterView(String reason, int retryCount, int messageCount, List<String> firstMessageIds,
        List<String> conversationIds, String failedAt, int sizeBytes) {
}
