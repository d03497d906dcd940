package dev.realtime.chat.persistence.it;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.MessageBatch;
import dev.realtime.chat.model.envelope.MessageEnvelope;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.testsupport.ChatTestInfrastructure;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the integration tests do around the service: publish MessageBatches as the gateway does (persistent,
 * confirmed, to the topic exchange), look at queues, count rows.
 */
final class PersistFixture implements AutoCloseable {

    final ChatTestInfrastructure infra = ChatTestInfrastructure.get();
    private final Connection connection;
    private final Channel publishChannel;
    private final Channel inspectChannel;
    private final Map<String, AtomicLong> seqs = new ConcurrentHashMap<>();

    PersistFixture() {
        try {
            connection = infra.rabbitConnectionFactory().newConnection("persistence-tests");
            publishChannel = connection.createChannel();
            publishChannel.confirmSelect();
            inspectChannel = connection.createChannel();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    static String uniqueConversation(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The next message of a conversation (seq 1, 2, ...), as the gateway would accept it. */
    ChatMessage next(String conversationId) {
        long seq = seqs.computeIfAbsent(conversationId, c -> new AtomicLong()).incrementAndGet();
        return message(conversationId, seq, "message " + seq);
    }

    static ChatMessage message(String conversationId, long seq, String content) {
        String id = conversationId + "-" + seq;
        return new ChatMessage("m-" + id, conversationId, seq, "alice", content, Instant.now(), "c-" + id);
    }

    long published(String conversationId) {
        AtomicLong seq = seqs.get(conversationId);
        return seq == null ? 0 : seq.get();
    }

    void publish(List<ChatMessage> messages) {
        List<MessageEnvelope> envelopes = new ArrayList<>();
        for (ChatMessage message : messages) {
            envelopes.add(new MessageEnvelope(message, List.of("alice", "bob")));
        }
        publishRaw(JsonCodec.toBytes(new MessageBatch("gw-test", envelopes)),
                Topology.messageRoutingKey(messages.isEmpty() ? 0
                        : Topology.shardOf(messages.get(0).conversationId(), Topology.DEFAULT_DELIVERY_SHARDS)));
    }

    /** As the gateway: persistent, confirmed, type and content type set. */
    synchronized void publishRaw(byte[] body, String routingKey) {
        AMQP.BasicProperties properties = MessageProperties.PERSISTENT_BASIC.builder()
                .type(Topology.TYPE_MESSAGE_BATCH).contentType("application/json").build();
        try {
            publishChannel.basicPublish(Topology.MESSAGES_EXCHANGE, routingKey, true, properties, body);
            publishChannel.waitForConfirmsOrDie(10_000);
        } catch (IOException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    /** Straight to the persist queue (default exchange), not to the delivery queues: for the benchmark. */
    void publishToPersistQueue(List<byte[]> bodies) {
        AMQP.BasicProperties properties = MessageProperties.PERSISTENT_BASIC.builder()
                .type(Topology.TYPE_MESSAGE_BATCH).contentType("application/json").build();
        try {
            synchronized (this) {
                for (byte[] body : bodies) {
                    publishChannel.basicPublish("", Topology.PERSIST_QUEUE, properties, body);
                }
                publishChannel.waitForConfirmsOrDie(60_000);
            }
        } catch (IOException | InterruptedException | TimeoutException e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    synchronized long depth(String queue) {
        try {
            return inspectChannel.messageCount(queue);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized void purge(String queue) {
        try {
            inspectChannel.queuePurge(queue);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The headers of every dead letter, without consuming them. */
    synchronized List<Map<String, Object>> deadLetterHeaders() {
        List<Map<String, Object>> headers = new ArrayList<>();
        try {
            long last = -1;
            GetResponse response;
            while ((response = inspectChannel.basicGet(Topology.PERSIST_DEAD_LETTER_QUEUE, false)) != null) {
                last = response.getEnvelope().getDeliveryTag();
                headers.add(response.getProps().getHeaders());
            }
            if (last >= 0) {
                inspectChannel.basicNack(last, true, true);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return headers;
    }

    CqlSession cql() {
        return infra.cqlSession();
    }

    /** Seqs stored in {@code messages} for a conversation (first bucket only: tests stay below seq 10,000). */
    List<Long> storedSeqs(String conversationId) {
        return cql().execute("SELECT seq FROM " + infra.cassandraKeyspace()
                        + ".messages WHERE conversation_id = ? AND bucket = 0", conversationId)
                .all().stream().map(row -> row.getLong(0)).toList();
    }

    Long lastSeq(String conversationId) {
        Row row = cql().execute("SELECT last_seq FROM " + infra.cassandraKeyspace()
                + ".conversation_activity WHERE conversation_id = ?", conversationId).one();
        return row == null || row.isNull(0) ? null : row.getLong(0);
    }

    boolean storedById(String messageId) {
        return cql().execute("SELECT seq FROM " + infra.cassandraKeyspace()
                + ".messages_by_id WHERE message_id = ?", messageId).one() != null;
    }

    boolean storedByClientId(String senderId, String clientMessageId) {
        return cql().execute("SELECT message_id FROM " + infra.cassandraKeyspace()
                        + ".messages_by_client_id WHERE sender_id = ? AND client_message_id = ?", senderId,
                clientMessageId).one() != null;
    }

    static Duration seconds(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException | RuntimeException e) {
            // closing anyway
        }
    }
}
