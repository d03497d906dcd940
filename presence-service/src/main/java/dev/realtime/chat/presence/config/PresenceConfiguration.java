package dev.realtime.chat.presence.config;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.realtime.chat.model.topology.RedisKeys;
import dev.realtime.chat.presence.contacts.CassandraContactDirectory;
import dev.realtime.chat.presence.events.RabbitPresenceEventPublisher;
import dev.realtime.chat.presence.state.LettucePresenceStore;
import dev.realtime.chat.presence.sweep.GatewaySweeper;
import dev.realtime.chat.presence.updates.PresenceMetrics;
import dev.realtime.chat.presence.updates.PresenceProcessor;
import dev.realtime.chat.presence.updates.PresenceUpdateDecoder;
import dev.realtime.chat.presence.updates.PresenceUpdateListener;
import dev.realtime.chat.presence.updates.Retrier;
import dev.realtime.chat.presence.updates.SerialLanes;
import dev.realtime.chat.support.cassandra.ChatKeyspace;
import dev.realtime.chat.support.config.ChatProperties;
import dev.realtime.chat.support.redis.FailFastRedisClients;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** Wires presence: Redis store, Cassandra contacts, event publisher, the per-user lanes, listener and sweeper. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PresenceProperties.class)
class PresenceConfiguration {

    @Bean
    Clock presenceClock() {
        return Clock.systemUTC();
    }

    @Bean
    PresenceMetrics presenceMetrics(MeterRegistry registry) {
        return new PresenceMetrics(registry);
    }

    @Bean(destroyMethod = "shutdown")
    RedisClient presenceRedisClient(ClientResources clientResources, PresenceProperties properties) {
        return FailFastRedisClients.create(clientResources, properties.redisTimeout(), properties.redisTimeout());
    }

    @Bean(destroyMethod = "close")
    LettucePresenceStore presenceStore(RedisClient presenceRedisClient, RedisConnectionDetails redis, RedisKeys keys,
            PresenceProperties properties) {
        return new LettucePresenceStore(presenceRedisClient, redisUri(redis, properties.redisTimeout()), keys,
                Duration.ofSeconds(1));
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService presenceExecutor() {
        return Executors.newFixedThreadPool(2, new CustomizableThreadFactory("presence-"));
    }

    @Bean
    CassandraContactDirectory contactDirectory(CqlSession session, ChatKeyspace keyspace,
            PresenceProperties properties, ExecutorService presenceExecutor) {
        return new CassandraContactDirectory(session, keyspace, properties.contactsTtl(), properties.contactsMaxUsers(),
                presenceExecutor);
    }

    @Bean
    RabbitPresenceEventPublisher presenceEventPublisher(RabbitTemplate rabbitTemplate, ChatProperties chat,
            PresenceProperties properties) {
        return new RabbitPresenceEventPublisher(rabbitTemplate, chat.instanceId(), chat.deliveryShards(),
                properties.publishTimeout());
    }

    @Bean(destroyMethod = "close")
    Retrier presenceRetrier(PresenceProperties properties, PresenceMetrics metrics) {
        return new Retrier(properties.retryInitialBackoff(), properties.retryMaxBackoff(), metrics::retried);
    }

    @Bean
    PresenceProcessor presenceProcessor(LettucePresenceStore store, CassandraContactDirectory contacts,
            RabbitPresenceEventPublisher events, PresenceProperties properties, ExecutorService presenceExecutor,
            Retrier presenceRetrier, Clock presenceClock, PresenceMetrics metrics) {
        return new PresenceProcessor(store, contacts, events, new SerialLanes(properties.lanes(), presenceExecutor),
                presenceRetrier, presenceClock, metrics);
    }

    @Bean
    PresenceUpdateListener presenceUpdateListener(PresenceProcessor processor, PresenceMetrics metrics,
            Clock presenceClock) {
        return new PresenceUpdateListener(new PresenceUpdateDecoder(), processor, metrics, presenceClock);
    }

    @Bean
    GatewaySweeper gatewaySweeper(LettucePresenceStore store, PresenceProcessor processor, Clock presenceClock,
            PresenceProperties properties) {
        return new GatewaySweeper(store, processor, presenceClock, properties.sweepInterval(),
                properties.staleSweepEvery(), properties.sweepInterval().multipliedBy(6));
    }

    private static RedisURI redisUri(RedisConnectionDetails details, Duration timeout) {
        RedisConnectionDetails.Standalone standalone = details.getStandalone();
        RedisURI.Builder builder = RedisURI.builder()
                .withHost(standalone.getHost())
                .withPort(standalone.getPort())
                .withDatabase(standalone.getDatabase())
                .withTimeout(timeout);
        if (details.getPassword() != null) {
            if (details.getUsername() != null) {
                builder.withAuthentication(details.getUsername(), details.getPassword().toCharArray());
            } else {
                builder.withPassword(details.getPassword().toCharArray());
            }
        }
        if (standalone.getSslBundle() != null) {
            builder.withSsl(true);
        }
        return builder.build();
    }
}
