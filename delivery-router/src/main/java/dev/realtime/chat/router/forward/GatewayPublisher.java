package dev.realtime.chat.router.forward;

import dev.realtime.chat.router.routing.Forward;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes gateway deliveries, in call order. Used by one thread.
 */
public interface GatewayPublisher extends AutoCloseable {

    /**
     * Publishes {@code forwards} in order, all on one channel: if that channel dies part way, the rest fail too
     * rather than overtake the failed ones on a new channel. Completes when the broker has confirmed every one;
     * fails on a nack, or when the channel closes first.
     */
    CompletableFuture<Void> publish(List<Forward> forwards);

    /** Gives up on the current channel (its confirms timed out): outstanding futures fail, the next publish reopens. */
    void abandonChannel();

    @Override
    void close();
}
