package dev.realtime.chat.router.routing;

import dev.realtime.chat.model.envelope.GatewayDelivery;

/** One AMQP publish to the gateways: an exchange, a routing key (the gateway id, empty for the fanout). */
public record Forward(String exchange, String routingKey, GatewayDelivery delivery) {
}
