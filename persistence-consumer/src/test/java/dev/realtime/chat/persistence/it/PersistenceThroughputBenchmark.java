package dev.realtime.chat.persistence.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.MessageBatch;
import dev.realtime.chat.model.envelope.MessageEnvelope;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.persistence.PersistenceConsumerApplication;
import dev.realtime.chat.persistence.consume.PersistQueueConsumer;
import dev.realtime.chat.testsupport.ChatTestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * By hand, not part of the build (the name matches neither *Tests nor *IntegrationTests):
 * <pre>
 * ./mvnw -o -q -pl persistence-consumer verify -Dit.test=PersistenceThroughputBenchmark -Dtest=none \
 *     -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.messages=100000 -Dbench.batch=100 -Dbench.conversations=500]
 * </pre>
 * 0. Warm-up: 20,000 messages, not measured.
 * 1. Backlog: with the consumer stopped, {@code bench.messages} messages in batches of {@code bench.batch} go to
 * chat.persist; then the consumer starts and the drain is timed (until every message is written and acked).
 * 2. Live: publishing at {@code bench.rate} messages/s (default 5000) and consuming at the same time for 20 s;
 * reports the rate persisted (equal to the rate published when the service keeps up).
 * Results are printed as lines starting with "BENCH".
 */
class PersistenceThroughputBenchmark {

    private static final ChatTestInfrastructure infra = ChatTestInfrastructure.get();
    private static final int MESSAGES = Integer.getInteger("bench.messages", 100_000);
    private static final int BATCH = Integer.getInteger("bench.batch", 100);
    private static final int CONVERSATIONS = Integer.getInteger("bench.conversations", 500);

    private final long[] seqs = new long[CONVERSATIONS];
    private final String run = PersistFixture.uniqueConversation("bench");

    private List<byte[]> batches(int messages) {
        List<byte[]> bodies = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int start = 0; start < messages; start += BATCH) {
            List<MessageEnvelope> envelopes = new ArrayList<>(BATCH);
            for (int i = 0; i < Math.min(BATCH, messages - start); i++) {
                int conversation = random.nextInt(CONVERSATIONS);
                long seq = ++seqs[conversation];
                String conversationId = run + "-" + conversation;
                String id = conversationId + "-" + seq;
                envelopes.add(new MessageEnvelope(new ChatMessage("m-" + id, conversationId, seq, "user-" + i,
                        "benchmark message " + seq + " with some ordinary length of text", Instant.now(),
                        "c-" + id), List.of("user-" + i, "other")));
            }
            bodies.add(JsonCodec.toBytes(new MessageBatch("gw-bench", envelopes)));
        }
        return bodies;
    }

    @Test
    void measureThroughputAndBacklogDrain() {
        try (PersistFixture fixture = new PersistFixture();
                ConfigurableApplicationContext service = new SpringApplicationBuilder(
                        PersistenceConsumerApplication.class, FastSchemaConfiguration.class)
                        .run(infra.asArguments(serviceProperties()))) {
            PersistQueueConsumer consumer = service.getBean(PersistQueueConsumer.class);
            MeterRegistry meters = service.getBean(MeterRegistry.class);
            fixture.purge(Topology.PERSIST_QUEUE);

            // 0. warm-up (JIT): 20,000 messages through the running service, not measured
            double warm = written(meters);
            List<byte[]> warmUp = batches(20_000);
            for (int i = 0; i < warmUp.size(); i += 100) {
                fixture.publishToPersistQueue(warmUp.subList(i, Math.min(warmUp.size(), i + 100)));
            }
            await().atMost(Duration.ofMinutes(5)).until(() -> written(meters) - warm >= 20_000
                    && fixture.depth(Topology.PERSIST_QUEUE) == 0 && consumer.inFlightBatches() == 0);

            // 1. backlog drain
            consumer.stop();
            List<byte[]> backlog = batches(MESSAGES);
            long publishStart = System.nanoTime();
            for (int i = 0; i < backlog.size(); i += 100) {
                fixture.publishToPersistQueue(backlog.subList(i, Math.min(backlog.size(), i + 100)));
            }
            double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
            assertThat(fixture.depth(Topology.PERSIST_QUEUE)).isEqualTo(backlog.size());
            double writtenBefore = written(meters);
            Duration cpuBefore = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
            long drainStart = System.nanoTime();
            consumer.start();
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> written(meters) - writtenBefore >= MESSAGES
                            && fixture.depth(Topology.PERSIST_QUEUE) == 0 && consumer.inFlightBatches() == 0);
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            double cpuSeconds = (ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO)
                    .minus(cpuBefore)).toMillis() / 1e3;
            System.out.printf("BENCH backlog: %d messages in %d batches of %d over %d conversations; published in "
                            + "%.1f s; drained in %.1f s = %.0f messages/s%n", MESSAGES, backlog.size(), BATCH,
                    CONVERSATIONS, publishSeconds, drainSeconds, MESSAGES / drainSeconds);
            System.out.printf("BENCH service JVM CPU during the drain: %.1f s (%.0f microseconds per message); "
                    + "load average %s%n", cpuSeconds, cpuSeconds * 1e6 / MESSAGES,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

            if (!Boolean.parseBoolean(System.getProperty("bench.live", "true"))) {
                return;
            }
            // 2. live: publish at a fixed rate (bench.rate messages/s) and consume together for 20 s
            int rate = Integer.getInteger("bench.rate", 5_000);
            double liveBefore = written(meters);
            long liveStart = System.nanoTime();
            long published = 0;
            while (System.nanoTime() - liveStart < Duration.ofSeconds(20).toNanos()) {
                long due = liveStart + (long) (published * 1e9 / rate);
                if (System.nanoTime() < due) {
                    java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime()); // pacing, not sync
                    continue;
                }
                fixture.publishToPersistQueue(batches(BATCH * 10));
                published += BATCH * 10L;
            }
            double publishedSeconds = (System.nanoTime() - liveStart) / 1e9;
            long target = published;
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> written(meters) - liveBefore >= target
                            && fixture.depth(Topology.PERSIST_QUEUE) == 0);
            double liveSeconds = (System.nanoTime() - liveStart) / 1e9;
            System.out.printf("BENCH live: published %d messages in %.1f s (%.0f/s); all written after %.1f s = "
                    + "%.0f messages/s persisted%n", published, publishedSeconds, published / publishedSeconds,
                    liveSeconds, published / liveSeconds);
        }
    }

    /** Service properties; -Dbench.batching=partition|replica, -Dbench.statements=N override the defaults. */
    private static Map<String, String> serviceProperties() {
        Map<String, String> properties = new java.util.LinkedHashMap<>(Map.of("server.port", "0",
                "chat.instance-id", "bench", "logging.level.dev.realtime.chat.persistence", "WARN"));
        if (System.getProperty("bench.batching") != null) {
            properties.put("chat.persistence.batching", System.getProperty("bench.batching"));
        }
        if (System.getProperty("bench.statements") != null) {
            properties.put("chat.persistence.max-statements-per-batch", System.getProperty("bench.statements"));
        }
        System.out.println("BENCH service properties " + properties);
        return properties;
    }

    private static double written(MeterRegistry meters) {
        return meters.find("chat.persist.written").counter().count();
    }
}
