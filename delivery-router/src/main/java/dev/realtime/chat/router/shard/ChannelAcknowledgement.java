package dev.realtime.chat.router.shard;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.ChannelProxy;

/**
 * Acknowledges on the raw consumer channel. A caching proxy would silently open a new channel for a closed one
 * and ack an unknown delivery tag there, so the proxy is unwrapped.
 */
final class ChannelAcknowledgement implements Acknowledgement {

    private static final Logger log = LoggerFactory.getLogger(ChannelAcknowledgement.class);

    private final Channel channel;
    private final long deliveryTag;

    ChannelAcknowledgement(Channel channel, long deliveryTag) {
        this.channel = channel instanceof ChannelProxy proxy ? proxy.getTargetChannel() : channel;
        this.deliveryTag = deliveryTag;
    }

    @Override
    public void ack() {
        try {
            if (channel.isOpen()) {
                channel.basicAck(deliveryTag, false);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("ack of delivery {} failed; the broker redelivers it", deliveryTag, e);
        }
    }

    @Override
    public void reject() {
        try {
            if (channel.isOpen()) {
                channel.basicReject(deliveryTag, false);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("reject of delivery {} failed; the broker redelivers it", deliveryTag, e);
        }
    }

    @Override
    public boolean isValid() {
        return channel.isOpen();
    }
}
