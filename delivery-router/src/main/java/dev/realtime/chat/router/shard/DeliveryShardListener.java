package dev.realtime.chat.router.shard;

import com.rabbitmq.client.Channel;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

/**
 * The consumer of every delivery shard queue: hands each batch, in delivery order, to its shard's pipeline and
 * returns at once (manual ack; the pipeline acks once the batch is forwarded).
 */
public final class DeliveryShardListener implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(DeliveryShardListener.class);

    private final Map<String, ShardPipeline> pipelinesByQueue;

    public DeliveryShardListener(Map<String, ShardPipeline> pipelinesByQueue) {
        this.pipelinesByQueue = Map.copyOf(pipelinesByQueue);
    }

    @Override
    public void onMessage(Message message, Channel channel) {
        MessageProperties properties = message.getMessageProperties();
        Acknowledgement ack = new ChannelAcknowledgement(channel, properties.getDeliveryTag());
        ShardPipeline pipeline = pipelinesByQueue.get(properties.getConsumerQueue());
        if (pipeline == null) {
            log.error("A batch arrived from unexpected queue {}; dead-lettering it", properties.getConsumerQueue());
            ack.reject();
            return;
        }
        pipeline.submit(message.getBody(), properties.getType(), ack);
    }
}
