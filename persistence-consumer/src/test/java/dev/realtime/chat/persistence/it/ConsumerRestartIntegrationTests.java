package dev.realtime.chat.persistence.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.persistence.PersistenceConsumerApplication;
import dev.realtime.chat.testsupport.ChatTestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The service stopped in the middle of a stream and started again: nothing lost, nothing doubled. */
class ConsumerRestartIntegrationTests {

    private static final ChatTestInfrastructure infra = ChatTestInfrastructure.get();

    private final PersistFixture fixture = new PersistFixture();

    private static ConfigurableApplicationContext startService() {
        return new SpringApplicationBuilder(PersistenceConsumerApplication.class, FastSchemaConfiguration.class)
                .run(infra.asArguments(Map.of("server.port", "0", "chat.instance-id", "restart-test")));
    }

    @Test
    void storesEveryMessageExactlyOnceAcrossAStopAndRestartMidStream() {
        fixture.purge(Topology.PERSIST_DEAD_LETTER_QUEUE);
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            conversations.add(PersistFixture.uniqueConversation("restart"));
        }
        ConfigurableApplicationContext first = startService();
        ScheduledExecutorService stream = Executors.newSingleThreadScheduledExecutor();
        int[] turn = {0};
        stream.scheduleWithFixedDelay(() -> {
            List<ChatMessage> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add(fixture.next(conversations.get(turn[0]++ % conversations.size())));
            }
            fixture.publish(batch);
        }, 0, 20, TimeUnit.MILLISECONDS);
        ConfigurableApplicationContext second = null;
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> fixture.storedSeqs(conversations.get(0)).size() >= 200);

            first.close(); // mid-stream: batches in flight, more arriving

            long storedWhileStopped = fixture.storedSeqs(conversations.get(0)).size();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> fixture.depth(Topology.PERSIST_QUEUE) > 20);
            assertThat(fixture.storedSeqs(conversations.get(0))).as("nobody writes while the service is down")
                    .hasSize((int) storedWhileStopped);

            second = startService();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> fixture.storedSeqs(conversations.get(0)).size() > storedWhileStopped + 200);
        } finally {
            stream.shutdown();
        }
        try {
            await().atMost(Duration.ofSeconds(5)).until(stream::isTerminated);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (String conversation : conversations) {
                    assertThat(fixture.storedSeqs(conversation)).hasSize((int) fixture.published(conversation));
                }
            });
            for (String conversation : conversations) {
                long published = fixture.published(conversation);
                assertThat(fixture.storedSeqs(conversation)).containsExactlyElementsOf(
                        LongStream.iterate(published, s -> s >= 1, s -> s - 1).boxed().toList());
                assertThat(fixture.lastSeq(conversation)).isEqualTo(published);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.depth(Topology.PERSIST_QUEUE) == 0);
            assertThat(fixture.depth(Topology.PERSIST_DEAD_LETTER_QUEUE)).isZero();
            assertThat(fixture.depth(Topology.persistRetryQueue(1))).isZero();
        } finally {
            second.close();
            fixture.close();
        }
    }
}
