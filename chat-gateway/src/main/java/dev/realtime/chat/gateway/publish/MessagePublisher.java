package dev.realtime.chat.gateway.publish;

/** Takes accepted messages (seq settled) to the broker; outcomes go to {@link PublishOutcome}. */
public interface MessagePublisher {

    /**
     * Must be called in seq order per conversation: it publishes each shard's messages in call order.
     *
     * @return false when the message was not taken (the shard's backlog is full): the caller answers unavailable
     */
    boolean publish(PendingMessage message);
}
