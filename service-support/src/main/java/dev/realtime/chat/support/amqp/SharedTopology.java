package dev.realtime.chat.support.amqp;

import dev.realtime.chat.model.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * The AMQP topology every service declares (idempotently) at start. Arguments must be identical in every
 * service, or the broker refuses the second declaration: that is why they live here and only here.
 */
public final class SharedTopology {

    /** Delay of each persist retry queue: exponential backoff, attempt n waits PERSIST_RETRY_DELAYS_MS[n-1]. */
    public static final long[] PERSIST_RETRY_DELAYS_MS = { 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000 };

    private SharedTopology() {
    }

    public static List<Declarable> declarables(int deliveryShards) {
        List<Declarable> all = new ArrayList<>();
        TopicExchange messages = new TopicExchange(Topology.MESSAGES_EXCHANGE, true, false);
        DirectExchange deadLetters = new DirectExchange(Topology.DEAD_LETTER_EXCHANGE, true, false);
        all.add(messages);
        all.add(deadLetters);
        all.add(new DirectExchange(Topology.GATEWAYS_EXCHANGE, true, false));
        all.add(new FanoutExchange(Topology.GATEWAYS_BROADCAST_EXCHANGE, true, false));

        FanoutExchange presence = new FanoutExchange(Topology.PRESENCE_EXCHANGE, true, false);
        Queue presenceUpdates = QueueBuilder.durable(Topology.PRESENCE_QUEUE).build();
        all.add(presence);
        all.add(presenceUpdates);
        all.add(BindingBuilder.bind(presenceUpdates).to(presence));

        Queue deliveryDlq = QueueBuilder.durable(Topology.DELIVERY_DEAD_LETTER_QUEUE).build();
        all.add(deliveryDlq);
        all.add(BindingBuilder.bind(deliveryDlq).to(deadLetters).with(Topology.DELIVERY_DEAD_LETTER_QUEUE));
        for (int shard = 0; shard < deliveryShards; shard++) {
            Queue delivery = QueueBuilder.durable(Topology.deliveryQueue(shard))
                    .singleActiveConsumer()
                    .deadLetterExchange(Topology.DEAD_LETTER_EXCHANGE)
                    .deadLetterRoutingKey(Topology.DELIVERY_DEAD_LETTER_QUEUE)
                    .build();
            all.add(delivery);
            all.add(BindingBuilder.bind(delivery).to(messages).with(Topology.messageRoutingKey(shard)));
            all.add(BindingBuilder.bind(delivery).to(messages).with(Topology.eventRoutingKey(shard)));
        }

        Queue persist = QueueBuilder.durable(Topology.PERSIST_QUEUE)
                .deadLetterExchange(Topology.DEAD_LETTER_EXCHANGE)
                .deadLetterRoutingKey(Topology.PERSIST_DEAD_LETTER_QUEUE)
                .build();
        Queue persistDlq = QueueBuilder.durable(Topology.PERSIST_DEAD_LETTER_QUEUE).build();
        all.add(persist);
        all.add(persistDlq);
        all.add(BindingBuilder.bind(persist).to(messages).with(Topology.PERSIST_BINDING));
        all.add(BindingBuilder.bind(persistDlq).to(deadLetters).with(Topology.PERSIST_DEAD_LETTER_QUEUE));
        for (int attempt = 1; attempt <= PERSIST_RETRY_DELAYS_MS.length; attempt++) {
            // A retry queue holds a message for its delay, then dead-letters it back to the persist queue
            // through the default exchange. Nobody consumes it.
            all.add(QueueBuilder.durable(Topology.persistRetryQueue(attempt))
                    .withArguments(Map.of(
                            "x-message-ttl", PERSIST_RETRY_DELAYS_MS[attempt - 1],
                            "x-dead-letter-exchange", "",
                            "x-dead-letter-routing-key", Topology.PERSIST_QUEUE))
                    .build());
        }
        return all;
    }

    /** The queue of one gateway: transient deliveries for its live sockets, gone a minute after the gateway. */
    public static List<Declarable> gatewayDeclarables(String gatewayId) {
        Queue queue = QueueBuilder.nonDurable(Topology.gatewayQueue(gatewayId)).expires(60_000).build();
        Binding direct = new Binding(queue.getName(), Binding.DestinationType.QUEUE, Topology.GATEWAYS_EXCHANGE,
                gatewayId, null);
        Binding broadcast = new Binding(queue.getName(), Binding.DestinationType.QUEUE,
                Topology.GATEWAYS_BROADCAST_EXCHANGE, "", null);
        return List.of(queue, direct, broadcast);
    }
}
