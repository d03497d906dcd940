package dev.realtime.chat.persistence.config;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import dev.realtime.chat.persistence.admin.DeadLetterAdmin;
import dev.realtime.chat.persistence.batch.BatchDecoder;
import dev.realtime.chat.persistence.batch.MessageValidator;
import dev.realtime.chat.persistence.circuit.CassandraAvailability;
import dev.realtime.chat.persistence.consume.AmqpPublisher;
import dev.realtime.chat.persistence.consume.BatchProcessor;
import dev.realtime.chat.persistence.consume.PersistQueueConsumer;
import dev.realtime.chat.persistence.consume.SettlementPlanner;
import dev.realtime.chat.persistence.system.PersistMetrics;
import dev.realtime.chat.persistence.system.PersistenceHealthIndicator;
import dev.realtime.chat.persistence.write.AsyncLimiter;
import dev.realtime.chat.persistence.write.CassandraWritePlanner;
import dev.realtime.chat.persistence.write.CoalescingWriter;
import dev.realtime.chat.persistence.write.MessageWriter;
import dev.realtime.chat.persistence.write.WritePlanner;
import dev.realtime.chat.support.cassandra.ChatKeyspace;
import dev.realtime.chat.support.config.ChatProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.cassandra.DriverConfigLoaderBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the persist path: queue → decode → async Cassandra writes → retry/DLQ → ack. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PersistenceProperties.class)
class PersistenceConfiguration {

    static final String BREAKER = "cassandra";

    /** Reconnect soon after an outage: the driver's default backoff grows to a minute. */
    @Bean
    DriverConfigLoaderBuilderCustomizer persistenceReconnection(PersistenceProperties properties) {
        return builder -> builder
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(200))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, properties.reconnectMaxDelay());
    }

    @Bean
    PersistMetrics persistMetrics(MeterRegistry registry) {
        return new PersistMetrics(registry);
    }

    @Bean
    CircuitBreaker cassandraCircuitBreaker(CircuitBreakerRegistry registry) {
        return registry.circuitBreaker(BREAKER);
    }

    @Bean
    CassandraWritePlanner cassandraWritePlanner(CqlSession session, ChatKeyspace keyspace,
            PersistenceProperties properties) {
        return new CassandraWritePlanner(session, keyspace, properties.batching(), properties.maxStatementsPerBatch(),
                properties.maxBatchBytes().toBytes(), properties.lookupTables());
    }

    @Bean
    AsyncLimiter cassandraWriteLimiter(PersistenceProperties properties, MeterRegistry registry) {
        AsyncLimiter limiter = new AsyncLimiter(properties.maxInFlightWrites());
        Gauge.builder("chat.persist.inflight.writes", limiter, AsyncLimiter::inFlight)
                .description("Cassandra write requests in flight").register(registry);
        Gauge.builder("chat.persist.queued.writes", limiter, AsyncLimiter::waiting)
                .description("Cassandra write requests waiting for an in-flight slot").register(registry);
        return limiter;
    }

    @Bean
    MessageWriter messageWriter(CqlSession session, WritePlanner planner, AsyncLimiter limiter,
            CircuitBreaker cassandraCircuitBreaker, PersistMetrics metrics) {
        return new MessageWriter(session, planner, limiter, cassandraCircuitBreaker, metrics);
    }

    @Bean
    CoalescingWriter coalescingWriter(MessageWriter writer, CassandraAvailability availability,
            ScheduledExecutorService persistSettleExecutor, PersistenceProperties properties, MeterRegistry registry) {
        CoalescingWriter coalescing = new CoalescingWriter(writer, availability::acceptsWrites, persistSettleExecutor,
                properties.maxConcurrentWrites(), properties.maxMessagesPerWrite(),
                properties.minWriteInterval().toNanos(),
                (task, delayNanos) -> persistSettleExecutor.schedule(task, delayNanos, TimeUnit.NANOSECONDS));
        Gauge.builder("chat.persist.waiting.batches", coalescing, CoalescingWriter::waiting)
                .description("input batches waiting to be written together by the next free write").register(registry);
        return coalescing;
    }

    @Bean
    CassandraAvailability cassandraAvailability(CircuitBreaker cassandraCircuitBreaker, CqlSession session,
            PersistenceProperties properties) {
        return new CassandraAvailability(cassandraCircuitBreaker, session, properties.probeInterval(),
                properties.probeTimeout());
    }

    @Bean
    AmqpPublisher amqpPublisher(RabbitTemplate template, PersistenceProperties properties) {
        return new AmqpPublisher(template, properties.publishTimeout());
    }

    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService persistSettleExecutor() {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newScheduledThreadPool(2, r -> {
            Thread thread = new Thread(r, "persist-settle-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    BatchProcessor batchProcessor(CoalescingWriter writer, AmqpPublisher publisher, CassandraAvailability availability,
            PersistMetrics metrics, ExecutorService persistSettleExecutor, PersistenceProperties properties) {
        BatchDecoder decoder = new BatchDecoder(
                new MessageValidator(properties.maxContentLength(), properties.maxIdLength()));
        SettlementPlanner planner = new SettlementPlanner(properties.maxRetries(), properties::retryDelay);
        return new BatchProcessor(decoder, writer, planner, publisher, availability, metrics,
                persistSettleExecutor);
    }

    @Bean
    PersistQueueConsumer persistQueueConsumer(CachingConnectionFactory connectionFactory, AmqpAdmin admin,
            BatchProcessor processor, CassandraAvailability availability, PersistenceProperties properties,
            ChatProperties chat, MeterRegistry registry) {
        com.rabbitmq.client.ConnectionFactory own = connectionFactory.getRabbitConnectionFactory().clone();
        own.setAutomaticRecoveryEnabled(false);
        own.setTopologyRecoveryEnabled(false);
        PersistQueueConsumer consumer = new PersistQueueConsumer(own, admin, processor, availability,
                properties.prefetch(), properties.shutdownTimeout(), "persistence-consumer-" + chat.instanceId());
        Gauge.builder("chat.persist.inflight.batches", consumer, PersistQueueConsumer::inFlightBatches)
                .description("MessageBatches taken from the queue and not yet settled").register(registry);
        Gauge.builder("chat.persist.consuming", consumer, c -> c.isConsuming() ? 1 : 0)
                .description("1 while the persist queue is consumed, 0 while paused").register(registry);
        return consumer;
    }

    @Bean
    PersistenceHealthIndicator persistenceHealthIndicator(CassandraAvailability availability,
            PersistQueueConsumer consumer, AsyncLimiter limiter) {
        return new PersistenceHealthIndicator(availability, consumer, limiter);
    }

    @Bean
    DeadLetterAdmin deadLetterAdmin(RabbitTemplate template, AmqpPublisher publisher,
            PersistenceProperties properties) {
        return new DeadLetterAdmin(template, publisher, properties.publishTimeout());
    }
}
