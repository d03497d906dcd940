package dev.realtime.chat.persistence.admin;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.MessageBatch;
import dev.realtime.chat.model.envelope.MessageEnvelope;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.persistence.consume.AmqpPublisher;
import dev.realtime.chat.persistence.consume.PersistHeaders;
import dev.realtime.chat.persistence.consume.RetryHeaders;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Lists and replays {@code chat.persist.dlq}. Listing peeks: it gets messages without acking and gives them back
 * (requeued to their place) before returning. Replay moves each message to {@code chat.persist} with a fresh
 * retry budget, acking the dead letter only after the broker confirmed the copy.
 */
public final class DeadLetterAdmin {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterAdmin.class);
    private static final int SHOWN_IDS = 5;

    private final RabbitTemplate template;
    private final AmqpPublisher publisher;
    private final Duration confirmTimeout;

    public DeadLetterAdmin(RabbitTemplate template, AmqpPublisher publisher, Duration confirmTimeout) {
        this.template = template;
        this.publisher = publisher;
        this.confirmTimeout = confirmTimeout;
    }

    public long depth() {
        Long count = template.execute(channel -> channel.messageCount(Topology.PERSIST_DEAD_LETTER_QUEUE));
        return count == null ? 0 : count;
    }

    public List<DeadLetterView> list(int limit) {
        return template.execute(channel -> {
            List<DeadLetterView> views = new ArrayList<>();
            long lastTag = -1;
            try {
                for (int i = 0; i < limit; i++) {
                    GetResponse response = channel.basicGet(Topology.PERSIST_DEAD_LETTER_QUEUE, false);
                    if (response == null) {
                        break;
                    }
                    lastTag = response.getEnvelope().getDeliveryTag();
                    views.add(view(response.getBody(), response.getProps()));
                }
            } finally {
                if (lastTag >= 0) {
                    channel.basicNack(lastTag, true, true);
                }
            }
            return views;
        });
    }

    public ReplayResult replay(int limit) {
        Integer replayed = template.execute(channel -> {
            int count = 0;
            for (int i = 0; i < limit; i++) {
                GetResponse response = channel.basicGet(Topology.PERSIST_DEAD_LETTER_QUEUE, false);
                if (response == null) {
                    break;
                }
                long tag = response.getEnvelope().getDeliveryTag();
                try {
                    publisher.replay(response.getBody(), response.getProps(), replayCount(response.getProps()) + 1)
                            .get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    channel.basicNack(tag, false, true);
                    throw new IOException("replay publish failed after " + count + " messages", e);
                } catch (InterruptedException e) {
                    channel.basicNack(tag, false, true);
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted after " + count + " messages", e);
                }
                channel.basicAck(tag, false);
                count++;
            }
            return count;
        });
        int count = replayed == null ? 0 : replayed;
        log.info("Replayed {} dead letter(s) to {}", count, Topology.PERSIST_QUEUE);
        return new ReplayResult(count, depth());
    }

    private static int replayCount(AMQP.BasicProperties properties) {
        Map<String, Object> headers = properties.getHeaders();
        Object value = headers == null ? null : headers.get(PersistHeaders.REPLAY_COUNT);
        return value instanceof Number number ? number.intValue() : 0;
    }

    static DeadLetterView view(byte[] body, AMQP.BasicProperties properties) {
        Map<String, Object> headers = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        String reason = string(headers.get(Topology.HEADER_FAILURE_REASON));
        if (reason == null) {
            String brokerReason = string(headers.get("x-first-death-reason"));
            reason = brokerReason == null ? "unknown" : "broker: " + brokerReason;
        }
        int messageCount = 0;
        List<String> ids = new ArrayList<>();
        Set<String> conversations = new LinkedHashSet<>();
        try {
            MessageBatch batch = JsonCodec.fromBytes(body, MessageBatch.class);
            if (batch != null && batch.messages() != null) {
                messageCount = batch.messages().size();
                for (MessageEnvelope envelope : batch.messages()) {
                    if (envelope == null || envelope.message() == null) {
                        continue;
                    }
                    if (ids.size() < SHOWN_IDS && envelope.message().messageId() != null) {
                        ids.add(envelope.message().messageId());
                    }
                    if (conversations.size() < SHOWN_IDS && envelope.message().conversationId() != null) {
                        conversations.add(envelope.message().conversationId());
                    }
                }
            }
        } catch (JsonCodec.MalformedPayloadException e) {
            // shown with its reason; nothing else to show
        }
        return new DeadLetterView(reason, RetryHeaders.retryCount(headers), messageCount, ids,
                List.copyOf(conversations), string(headers.get(PersistHeaders.FAILED_AT)), body.length);
    }

    private static String string(Object value) {
        return value == null ? null : Objects.toString(value);
    }
}
