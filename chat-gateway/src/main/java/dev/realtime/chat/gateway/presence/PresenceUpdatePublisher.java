package dev.realtime.chat.gateway.presence;

import dev.realtime.chat.gateway.publish.AmqpPublisher;
import dev.realtime.chat.gateway.publish.PublisherThreads;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.PresenceUpdate;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.PresenceStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the presence service about this gateway's users ({@link PresenceUpdate} to {@code chat.presence}):
 * first session connected, last session disconnected, status set. Published from the publisher threads, never
 * from the caller's; an update the broker does not take is counted and dropped (the presence service also sweeps
 * the session registry).
 */
public class PresenceUpdatePublisher {

    private static final Logger log = LoggerFactory.getLogger(PresenceUpdatePublisher.class);

    private final String gatewayId;
    private final AmqpPublisher amqp;
    private final PublisherThreads threads;
    private final Counter failed;

    public PresenceUpdatePublisher(String gatewayId, AmqpPublisher amqp, PublisherThreads threads,
            MeterRegistry registry) {
        this.gatewayId = gatewayId;
        this.amqp = amqp;
        this.threads = threads;
        this.failed = Counter.builder("chat.presence.updates.failed").register(registry);
    }

    public void connected(String userId) {
        publish(new PresenceUpdate(userId, gatewayId, PresenceUpdate.Kind.CONNECTED, PresenceStatus.ONLINE,
                Instant.now()));
    }

    public void disconnected(String userId) {
        publish(new PresenceUpdate(userId, gatewayId, PresenceUpdate.Kind.DISCONNECTED, PresenceStatus.OFFLINE,
                Instant.now()));
    }

    public void status(String userId, PresenceStatus status) {
        publish(new PresenceUpdate(userId, gatewayId, PresenceUpdate.Kind.STATUS, status, Instant.now()));
    }

    private void publish(PresenceUpdate update) {
        byte[] body = JsonCodec.toBytes(update);
        try {
            threads.executor().execute(() -> {
                try {
                    amqp.publish(Topology.PRESENCE_EXCHANGE, "", Topology.TYPE_PRESENCE_UPDATE, body, true);
                } catch (RuntimeException e) {
                    failed.increment();
                    log.debug("Presence update not published: {}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            failed.increment(); // shutting down
        }
    }
}
