package dev.realtime.chat.gateway.publish;

import java.util.concurrent.CompletableFuture;

/** Publishes JSON bodies to the broker. May block the calling thread (socket write, connection set-up). */
public interface AmqpPublisher {

    /**
     * A persistent message with publisher confirm: the future completes when the broker confirmed it, and fails
     * on a nack, a return (unroutable), a lost channel or the publish timeout.
     */
    CompletableFuture<Void> publishConfirmed(String exchange, String routingKey, String type, byte[] body);

    /** A message without confirm (transient events); a failure is thrown. */
    void publish(String exchange, String routingKey, String type, byte[] body, boolean persistent);
}
