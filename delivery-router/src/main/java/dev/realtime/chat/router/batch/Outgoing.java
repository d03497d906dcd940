package dev.realtime.chat.router.batch;

import java.util.List;

/**
 * One payload of an input batch, in batch order: the pre-serialised JSON, the user destination it goes to and
 * every user that should receive it (deduplicated, in the order the batch named them).
 */
public record Outgoing(String destination, List<String> recipientIds, String payloadJson) {

    public Outgoing {
        recipientIds = List.copyOf(recipientIds);
    }
}
