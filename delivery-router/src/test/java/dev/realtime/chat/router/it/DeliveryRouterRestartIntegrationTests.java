package dev.realtime.chat.router.it;

import static dev.realtime.chat.router.it.RouterTestSupport.batch;
import static dev.realtime.chat.router.it.RouterTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.DeliveryItem;
import dev.realtime.chat.model.envelope.MessageBatch;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.ChatMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two routers share the shards (single active consumer); the active one stops in the middle of a stream. The
 * standby takes over from the first batch the stopped one had not acked: nothing is lost, order is kept
 * (duplicates are allowed: clients drop them by messageId).
 */
class DeliveryRouterRestartIntegrationTests {

    private static RouterTestSupport support;

    @BeforeAll
    static void setUp() {
        support = new RouterTestSupport();
    }

    @AfterAll
    static void tearDown() throws Exception {
        support.close();
    }

    @Test
    void aStandbyRouterTakesOverMidStreamWithoutLosingOrReorderingAnything() throws Exception {
        String gwA = unique("gw-a");
        ConfigurableApplicationContext active = RouterTestSupport.startRouter(Map.of("chat.instance-id", "router-a"));
        ConfigurableApplicationContext standby = null;
        try (GatewayProbe gateways = GatewayProbe.start(support.infra.rabbitConnectionFactory(), gwA)) {
            standby = RouterTestSupport.startRouter(Map.of("chat.instance-id", "router-b"));
            String alice = unique("alice");
            support.connect(alice, gwA);
            String conversation = unique("conv");
            int batches = 400;
            int perBatch = 2;
            List<MessageBatch> stream = new ArrayList<>();
            for (int i = 0; i < batches; i++) {
                stream.add(batch(conversation, 1L + (long) i * perBatch, perBatch, List.of(alice)));
            }

            support.publishAll(conversation, stream, Topology.TYPE_MESSAGE_BATCH);
            List<Long> received = new ArrayList<>();
            while (received.size() < 20) {
                received.addAll(seqs(gateways.poll(gwA, Duration.ofSeconds(10)), conversation));
            }
            active.close();

            Set<Long> distinct = new LinkedHashSet<>(received);
            while (distinct.size() < batches * perBatch) {
                GatewayProbe.Received next = gateways.poll(gwA, Duration.ofSeconds(15));
                assertThat(next).as("after %d of %d messages", distinct.size(), batches * perBatch).isNotNull();
                List<Long> seqs = seqs(next, conversation);
                received.addAll(seqs);
                distinct.addAll(seqs);
            }
            assertThat(new ArrayList<>(distinct)).as("first arrival of each message, in seq order")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, (long) batches * perBatch).boxed().toList());
        } finally {
            active.close();
            if (standby != null) {
                standby.close();
            }
        }
    }

    private static List<Long> seqs(GatewayProbe.Received received, String conversation) {
        assertThat(received).isNotNull();
        List<Long> seqs = new ArrayList<>();
        for (DeliveryItem item : received.delivery().items()) {
            ChatMessage message = JsonCodec.fromJson(item.payloadJson(), ChatMessage.class);
            if (message.conversationId().equals(conversation)) {
                seqs.add(message.seq());
            }
        }
        return seqs;
    }
}
