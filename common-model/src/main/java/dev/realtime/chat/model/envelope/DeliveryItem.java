package dev.realtime.chat.model.envelope;

import java.util.List;

/**
 * One payload for some users connected to one gateway. {@code destination} is the user destination without the
 * {@code /user} prefix ({@code /queue/messages} or {@code /queue/events}); {@code payloadJson} is sent as is.
 */
public record DeliveryItem(String destination, List<String> recipientIds, String payloadJson) {

    public static final String MESSAGES = "/queue/messages";
    public static final String EVENTS = "/queue/events";
}
