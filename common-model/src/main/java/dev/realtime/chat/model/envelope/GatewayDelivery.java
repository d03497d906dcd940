package dev.realtime.chat.model.envelope;

import java.util.List;

/** What the router sends to one gateway's queue: one AMQP message carrying many deliveries. */
public record GatewayDelivery(List<DeliveryItem> items) {
}
