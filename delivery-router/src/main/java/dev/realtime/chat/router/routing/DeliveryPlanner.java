package dev.realtime.chat.router.routing;

import dev.realtime.chat.model.envelope.DeliveryItem;
import dev.realtime.chat.model.envelope.GatewayDelivery;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.router.batch.Outgoing;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups one batch per gateway. Pure: the session lookup has already happened.
 *
 * <p>Each gateway that holds at least one recipient gets exactly one {@link GatewayDelivery}, whose items are the
 * batch's payloads in batch order, each naming only the recipients connected to that gateway. Recipients without
 * any live gateway get nothing (they sync from history when they connect).
 */
public final class DeliveryPlanner {

    private DeliveryPlanner() {
    }

    /**
     * @param items the batch's payloads in order
     * @param gatewaysByUser each recipient's live gateways; a missing user has none
     * @return one forward per gateway, gateways in the order their first recipient appears
     */
    public static List<Forward> perGateway(List<Outgoing> items, Map<String, ? extends Collection<String>> gatewaysByUser) {
        Map<String, List<DeliveryItem>> byGateway = new LinkedHashMap<>();
        Map<String, List<String>> recipientsOnGateway = new LinkedHashMap<>();
        for (Outgoing item : items) {
            recipientsOnGateway.clear();
            for (String userId : item.recipientIds()) {
                Collection<String> gateways = gatewaysByUser.get(userId);
                if (gateways == null) {
                    continue;
                }
                for (String gatewayId : gateways) {
                    recipientsOnGateway.computeIfAbsent(gatewayId, id -> new ArrayList<>()).add(userId);
                }
            }
            for (Map.Entry<String, List<String>> entry : recipientsOnGateway.entrySet()) {
                byGateway.computeIfAbsent(entry.getKey(), id -> new ArrayList<>())
                        .add(new DeliveryItem(item.destination(), List.copyOf(entry.getValue()), item.payloadJson()));
            }
        }
        List<Forward> forwards = new ArrayList<>(byGateway.size());
        byGateway.forEach((gatewayId, deliveryItems) -> forwards.add(
                new Forward(Topology.GATEWAYS_EXCHANGE, gatewayId, new GatewayDelivery(List.copyOf(deliveryItems)))));
        return forwards;
    }

    /**
     * The degraded plan when sessions cannot be read: one delivery to every gateway (fanout) naming every
     * recipient, so that each gateway delivers to whichever of them it holds. Empty when nobody would receive.
     */
    public static List<Forward> broadcast(List<Outgoing> items) {
        List<DeliveryItem> deliveryItems = new ArrayList<>(items.size());
        for (Outgoing item : items) {
            if (!item.recipientIds().isEmpty()) {
                deliveryItems.add(new DeliveryItem(item.destination(), item.recipientIds(), item.payloadJson()));
            }
        }
        if (deliveryItems.isEmpty()) {
            return List.of();
        }
        return List.of(new Forward(Topology.GATEWAYS_BROADCAST_EXCHANGE, "", new GatewayDelivery(deliveryItems)));
    }
}
