package dev.realtime.chat.presence.updates;

import com.rabbitmq.client.Channel;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.presence.state.PresenceTrigger;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.connection.ChannelProxy;

/**
 * Consumes {@code chat.presence.updates}: each update is acknowledged once applied (and its event confirmed);
 * a body that is not a usable {@code PresenceUpdate} is rejected without requeue, with a log line and a metric.
 */
public class PresenceUpdateListener {

    private static final Logger log = LoggerFactory.getLogger(PresenceUpdateListener.class);

    private final PresenceUpdateDecoder decoder;
    private final PresenceProcessor processor;
    private final PresenceMetrics metrics;
    private final Clock clock;

    public PresenceUpdateListener(PresenceUpdateDecoder decoder, PresenceProcessor processor, PresenceMetrics metrics,
            Clock clock) {
        this.decoder = decoder;
        this.processor = processor;
        this.metrics = metrics;
        this.clock = clock;
    }

    @RabbitListener(id = "presence-updates", queues = Topology.PRESENCE_QUEUE, ackMode = "MANUAL")
    public void onUpdate(Message message, Channel channel) {
        Channel raw = channel instanceof ChannelProxy proxy ? proxy.getTargetChannel() : channel;
        long tag = message.getMessageProperties().getDeliveryTag();
        PresenceTrigger trigger;
        try {
            trigger = decoder.decode(message.getBody(), clock.instant());
        } catch (PresenceUpdateDecoder.InvalidUpdateException e) {
            log.warn("Rejecting a presence update: {} ({} bytes)", e.getMessage(), message.getBody().length);
            metrics.poison();
            settle(raw, tag, false);
            return;
        }
        processor.apply(trigger).whenComplete((done, error) -> {
            if (error != null) {
                log.error("Presence update of a user could not be applied; dropping it", error);
            }
            settle(raw, tag, error == null);
        });
    }

    private static void settle(Channel channel, long tag, boolean ack) {
        try {
            if (!channel.isOpen()) {
                return; // the broker redelivers it
            }
            if (ack) {
                channel.basicAck(tag, false);
            } else {
                channel.basicReject(tag, false);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("settling presence update {} failed; the broker redelivers it", tag, e);
        }
    }
}
