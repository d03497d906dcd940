package dev.realtime.chat.router.routing;

import dev.realtime.chat.model.envelope.DeliveryItem;
import dev.realtime.chat.model.envelope.GatewayDelivery;
import dev.realtime.chat.model.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the forwards of one group commit into as few AMQP messages as order allows: the planner makes one forward
 * per gateway <em>per input batch</em>, so a group of twenty batches whose recipients sit on four gateways would be
 * eighty publishes; merged it is four (each with the items of all twenty batches, in batch order).
 *
 * <p>Order. Each gateway's queue must see its items in the order the planner produced them. Forwards to the direct
 * exchange with different routing keys go to different queues, so they commute and are merged per gateway. Any
 * other forward (the fanout of a broadcast, which reaches every gateway) is a barrier: what was merged before it is
 * emitted before it, and consecutive forwards to the same fanout merge with each other. The publisher publishes the
 * result on one channel in list order, so every queue receives exactly the item sequence it would have received
 * unmerged.
 *
 * <p>Size. A merged forward is split once it would exceed {@code maxItems} items or about {@code maxChars}
 * characters once encoded (payload, its escaping, recipient ids), so one AMQP message stays a bounded unit of work
 * and memory for a gateway (which holds up to its prefetch of them).
 */
public final class ForwardMerger {

    private ForwardMerger() {
    }

    public static List<Forward> merge(List<Forward> forwards, int maxItems, int maxChars) {
        if (forwards.size() <= 1) {
            return forwards;
        }
        List<Forward> merged = new ArrayList<>();
        Map<String, Chunks> direct = new LinkedHashMap<>();
        Chunks barrier = null;
        for (Forward forward : forwards) {
            if (Topology.GATEWAYS_EXCHANGE.equals(forward.exchange())) {
                if (barrier != null) {
                    barrier.emitInto(merged);
                    barrier = null;
                }
                direct.computeIfAbsent(forward.routingKey(),
                        key -> new Chunks(forward.exchange(), key, maxItems, maxChars))
                        .addAll(forward.delivery().items());
            } else {
                if (!direct.isEmpty()) {
                    direct.values().forEach(chunks -> chunks.emitInto(merged));
                    direct.clear();
                }
                if (barrier != null && !barrier.sameTarget(forward)) {
                    barrier.emitInto(merged);
                    barrier = null;
                }
                if (barrier == null) {
                    barrier = new Chunks(forward.exchange(), forward.routingKey(), maxItems, maxChars);
                }
                barrier.addAll(forward.delivery().items());
            }
        }
        direct.values().forEach(chunks -> chunks.emitInto(merged));
        if (barrier != null) {
            barrier.emitInto(merged);
        }
        return merged;
    }

    /** The items for one target, cut into deliveries of bounded size. */
    private static final class Chunks {

        private final String exchange;
        private final String routingKey;
        private final int maxItems;
        private final int maxChars;
        private final List<List<DeliveryItem>> chunks = new ArrayList<>();
        private List<DeliveryItem> current;
        private int currentChars;

        Chunks(String exchange, String routingKey, int maxItems, int maxChars) {
            this.exchange = exchange;
            this.routingKey = routingKey;
            this.maxItems = Math.max(1, maxItems);
            this.maxChars = Math.max(1, maxChars);
        }

        boolean sameTarget(Forward forward) {
            return exchange.equals(forward.exchange()) && routingKey.equals(forward.routingKey());
        }

        void addAll(List<DeliveryItem> items) {
            for (DeliveryItem item : items) {
                int chars = approximateChars(item);
                if (current == null || current.size() >= maxItems
                        || (!current.isEmpty() && currentChars + chars > maxChars)) {
                    current = new ArrayList<>();
                    currentChars = 0;
                    chunks.add(current);
                }
                current.add(item);
                currentChars += chars;
            }
        }

        /** The item's share of the encoded delivery: payload (escaped, ~1/8 more), recipient ids, field names. */
        private static int approximateChars(DeliveryItem item) {
            int chars = 64;
            if (item.payloadJson() != null) {
                chars += item.payloadJson().length() + item.payloadJson().length() / 8;
            }
            if (item.recipientIds() != null) {
                for (String recipient : item.recipientIds()) {
                    chars += (recipient == null ? 4 : recipient.length()) + 3;
                }
            }
            return chars;
        }

        void emitInto(List<Forward> out) {
            for (List<DeliveryItem> chunk : chunks) {
                out.add(new Forward(exchange, routingKey, new GatewayDelivery(List.copyOf(chunk))));
            }
        }
    }
}
