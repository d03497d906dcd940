package dev.realtime.chat.model.topology;

/**
 * Every AMQP name the services share. The services declare this topology themselves (idempotently) at start.
 *
 * <pre>
 * gateway --MessageBatch, key message.&lt;shard&gt;--&gt; chat.messages (topic)
 *     message.&lt;shard&gt; -&gt; chat.delivery.&lt;shard&gt;   (durable, single active consumer: order per conversation)
 *     message.*          -&gt; chat.persist             (durable; retries via chat.persist.retry.*, then chat.persist.dlq)
 *     event.&lt;shard&gt;   -&gt; chat.delivery.&lt;shard&gt;
 * delivery-router --GatewayDelivery, key &lt;gatewayId&gt;--&gt; chat.gateways (direct) -&gt; chat.gateway.&lt;gatewayId&gt;
 *                 --GatewayDelivery--&gt; chat.gateways.broadcast (fanout) -&gt; every gateway queue (Redis down)
 * </pre>
 */
public final class Topology {

    public static final String MESSAGES_EXCHANGE = "chat.messages";
    public static final String GATEWAYS_EXCHANGE = "chat.gateways";
    public static final String GATEWAYS_BROADCAST_EXCHANGE = "chat.gateways.broadcast";
    public static final String DEAD_LETTER_EXCHANGE = "chat.dlx";
    /** Retry queues dead-letter back here; it routes by queue name to the queue to retry on. */
    public static final String RETRY_EXCHANGE = "chat.retry";
    /** Gateways publish {@code PresenceUpdate}s here (fanout); the presence service consumes them. */
    public static final String PRESENCE_EXCHANGE = "chat.presence";
    public static final String PRESENCE_QUEUE = "chat.presence.updates";

    public static final String PERSIST_QUEUE = "chat.persist";
    public static final String PERSIST_DEAD_LETTER_QUEUE = "chat.persist.dlq";
    public static final String PERSIST_RETRY_QUEUE_PREFIX = "chat.persist.retry.";
    public static final String DELIVERY_QUEUE_PREFIX = "chat.delivery.";
    public static final String DELIVERY_DEAD_LETTER_QUEUE = "chat.delivery.dlq";
    public static final String GATEWAY_QUEUE_PREFIX = "chat.gateway.";

    /** Default number of delivery shards; every service of one deployment must use the same number. */
    public static final int DEFAULT_DELIVERY_SHARDS = 4;

    /** AMQP {@code type} property of each body kind. */
    public static final String TYPE_MESSAGE_BATCH = "chat.message-batch";
    public static final String TYPE_EVENT_BATCH = "chat.event-batch";
    public static final String TYPE_GATEWAY_DELIVERY = "chat.gateway-delivery";
    public static final String TYPE_PRESENCE_UPDATE = "chat.presence-update";

    /** Header naming why a message was dead-lettered by our code (not by the broker). */
    public static final String HEADER_FAILURE_REASON = "x-chat-failure-reason";
    /** Header counting the retries of a message on the persist path. */
    public static final String HEADER_RETRY_COUNT = "x-chat-retry-count";

    private Topology() {
    }

    /** The delivery shard of a conversation: stable across JVMs and services. */
    public static int shardOf(String conversationId, int shards) {
        if (shards <= 0) {
            throw new IllegalArgumentException("shards must be positive");
        }
        return Math.floorMod(conversationId.hashCode(), shards);
    }

    public static String deliveryQueue(int shard) {
        return DELIVERY_QUEUE_PREFIX + shard;
    }

    public static String messageRoutingKey(int shard) {
        return "message." + shard;
    }

    public static String eventRoutingKey(int shard) {
        return "event." + shard;
    }

    /** Binding of the persist queue: every message shard, no events. */
    public static final String PERSIST_BINDING = "message.*";

    public static String gatewayQueue(String gatewayId) {
        return GATEWAY_QUEUE_PREFIX + gatewayId;
    }

    public static String persistRetryQueue(int attempt) {
        return PERSIST_RETRY_QUEUE_PREFIX + attempt;
    }
}
