package dev.realtime.chat.gateway.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.gateway.websocket.GatewayProperties;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.MessageBatch;
import dev.realtime.chat.model.envelope.MessageEnvelope;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.ChatMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MessageBatchPublisherTests {

    record Published(String exchange, String routingKey, String type, MessageBatch batch,
            CompletableFuture<Void> confirm) {
    }

    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final List<String> confirmed = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();

    private final AmqpPublisher amqp = new AmqpPublisher() {
        @Override
        public CompletableFuture<Void> publishConfirmed(String exchange, String routingKey, String type, byte[] body) {
            CompletableFuture<Void> confirm = new CompletableFuture<>();
            published.add(new Published(exchange, routingKey, type, JsonCodec.fromBytes(body, MessageBatch.class),
                    confirm));
            return confirm;
        }

        @Override
        public void publish(String exchange, String routingKey, String type, byte[] body, boolean persistent) {
            throw new UnsupportedOperationException();
        }
    };

    private final MessageBatchPublisher publisher = new MessageBatchPublisher("gw-1", 4, amqp, new PublishOutcome() {
        @Override
        public void confirmed(List<PendingMessage> batch) {
            batch.forEach(p -> confirmed.add(p.message().clientMessageId()));
        }

        @Override
        public void failed(List<PendingMessage> batch, Throwable cause) {
            batch.forEach(p -> failed.add(p.message().clientMessageId()));
        }
    }, Runnable::run, new GatewayProperties(Duration.ofSeconds(10), 65536, 1 << 20, Duration.ofSeconds(10), 3,
            262144, 20000, Duration.ofSeconds(5), Duration.ofHours(24), Duration.ofSeconds(2), Duration.ofSeconds(10),
            Duration.ofSeconds(30), 0, Duration.ofSeconds(5), "", 8, false, 1024, 2048), new SimpleMeterRegistry());

    private static PendingMessage message(String conversation, long seq) {
        ChatMessage message = new ChatMessage("id-" + conversation + "-" + seq, conversation, seq, "u", "text",
                Instant.EPOCH, conversation + "#" + seq);
        return new PendingMessage("k-" + conversation + seq, message, List.of("u", "v"), new Requester("u", "s"));
    }

    /** Two conversation ids in different shards. */
    private static String[] conversationsInTwoShards() {
        String first = "conv-a";
        for (int i = 0; ; i++) {
            String other = "conv-" + i;
            if (Topology.shardOf(other, 4) != Topology.shardOf(first, 4)) {
                return new String[] { first, other };
            }
        }
    }

    @Test
    void eachShardPublishesItsOwnBatchesToItsRoutingKeyAsPersistentMessageBatches() {
        String[] conversations = conversationsInTwoShards();
        publisher.publish(message(conversations[0], 1));
        publisher.publish(message(conversations[1], 1));
        assertThat(published).hasSize(2);
        for (Published p : published) {
            String conversation = p.batch().messages().get(0).message().conversationId();
            assertThat(p.exchange()).isEqualTo(Topology.MESSAGES_EXCHANGE);
            assertThat(p.routingKey()).isEqualTo(Topology.messageRoutingKey(Topology.shardOf(conversation, 4)));
            assertThat(p.type()).isEqualTo(Topology.TYPE_MESSAGE_BATCH);
            assertThat(p.batch().gatewayId()).isEqualTo("gw-1");
            assertThat(p.batch().messages().get(0).memberIds()).containsExactly("u", "v");
        }
    }

    @Test
    void aConversationsMessagesLeaveInSeqOrderAcrossBatchesAndOnlyOneBatchPerShardIsInFlight() {
        String conversation = conversationsInTwoShards()[0];
        for (long seq = 1; seq <= 8; seq++) {
            publisher.publish(message(conversation, seq));
        }
        assertThat(published).hasSize(1);
        while (published.stream().anyMatch(p -> !p.confirm().isDone())) {
            published.stream().filter(p -> !p.confirm().isDone()).findFirst().orElseThrow().confirm().complete(null);
        }
        List<Long> seqs = published.stream().flatMap(p -> p.batch().messages().stream())
                .map(MessageEnvelope::message).map(ChatMessage::seq).toList();
        assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(published).extracting(p -> p.batch().messages().size()).containsExactly(1, 3, 3, 1);
        assertThat(confirmed).hasSize(8);
        assertThat(publisher.pending()).isZero();
    }

    @Test
    void aNackFailsEveryMessageOfThatBatchOnly() {
        String conversation = conversationsInTwoShards()[0];
        publisher.publish(message(conversation, 1));
        publisher.publish(message(conversation, 2));
        published.get(0).confirm().completeExceptionally(new RabbitAmqpPublisher.PublishFailedException("nacked"));
        published.get(1).confirm().complete(null);
        assertThat(failed).containsExactly(conversation + "#1");
        assertThat(confirmed).containsExactly(conversation + "#2");
    }
}
