package dev.realtime.chat.router.config;

import dev.realtime.chat.model.topology.RedisKeys;
import dev.realtime.chat.router.batch.BatchDecoder;
import dev.realtime.chat.router.forward.ConfirmingChannelPublisher;
import dev.realtime.chat.router.routing.BatchRouter;
import dev.realtime.chat.router.routing.LettuceSessionStore;
import dev.realtime.chat.router.shard.DeliveryShardListener;
import dev.realtime.chat.router.shard.ShardPipeline;
import dev.realtime.chat.router.shard.ShardPipelines;
import dev.realtime.chat.router.system.RouterMetrics;
import dev.realtime.chat.support.config.ChatProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import dev.realtime.chat.support.redis.FailFastRedisClients;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;
import org.springframework.boot.autoconfigure.data.redis.RedisConnectionDetails;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/** Wires the shard pipelines: per shard a Redis connection, a publisher channel, a thread, then the consumer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RouterProperties.class)
class RouterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RouterConfiguration.class);
    static final String REDIS_BREAKER = "router-redis";

    @Bean
    RouterMetrics routerMetrics(MeterRegistry registry) {
        return new RouterMetrics(registry);
    }

    @Bean(destroyMethod = "shutdown")
    RedisClient routerRedisClient(ClientResources clientResources, RouterProperties properties) {
        return FailFastRedisClients.create(clientResources, properties.redisTimeout(),
                properties.redisTimeout().multipliedBy(4));
    }

    @Bean
    CircuitBreaker routerRedisBreaker(CircuitBreakerRegistry registry) {
        CircuitBreaker breaker = registry.circuitBreaker(REDIS_BREAKER);
        breaker.getEventPublisher().onStateTransition(event -> log.warn(
                "Redis circuit breaker {}: {} (while open, batches are broadcast to every gateway)",
                event.getCircuitBreakerName(), event.getStateTransition()));
        return breaker;
    }

    @Bean(destroyMethod = "close")
    ShardPipelines shardPipelines(ChatProperties chat, RouterProperties properties, RedisKeys keys,
            RedisClient routerRedisClient, RedisConnectionDetails redis, CircuitBreaker routerRedisBreaker,
            ConnectionFactory connectionFactory, RouterMetrics metrics) {
        RedisURI uri = redisUri(redis, properties);
        BatchDecoder decoder = new BatchDecoder();
        List<ShardPipeline> pipelines = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        for (int shard = 0; shard < chat.deliveryShards(); shard++) {
            LettuceSessionStore store = new LettuceSessionStore(routerRedisClient, uri, keys,
                    properties.recentHistorySize(), properties.redisReconnectInterval(), "shard-" + shard);
            resources.add(store);
            ScheduledThreadPoolExecutor executor = (ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(1,
                    new CustomizableThreadFactory("router-shard-" + shard + "-"));
            executor.setRemoveOnCancelPolicy(true);
            BatchRouter router = new BatchRouter(store, routerRedisBreaker, properties.redisTimeout(),
                    Clock.systemUTC(), metrics, properties.historyBacklog());
            pipelines.add(new ShardPipeline(shard, decoder, router,
                    new ConfirmingChannelPublisher(connectionFactory, "shard-" + shard), executor, metrics,
                    properties.maxGroupBatches(), properties.confirmTimeout(), properties.retryInitialBackoff(),
                    properties.retryMaxBackoff()));
        }
        log.info("Delivery router for {} shards (prefetch {}, recent history {})", chat.deliveryShards(),
                properties.prefetch(), properties.recentHistorySize());
        return new ShardPipelines(pipelines, resources);
    }

    @Bean
    DirectMessageListenerContainer deliveryShardContainer(ConnectionFactory connectionFactory,
            ShardPipelines shardPipelines, RouterProperties properties) {
        DirectMessageListenerContainer container = new DirectMessageListenerContainer(connectionFactory);
        container.setQueueNames(shardPipelines.queueNames());
        container.setConsumersPerQueue(1);
        container.setPrefetchCount(properties.prefetch());
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        container.setDefaultRequeueRejected(false);
        container.setMessageListener(new DeliveryShardListener(shardPipelines.byQueue()));
        return container;
    }

    private static RedisURI redisUri(RedisConnectionDetails details, RouterProperties properties) {
        RedisConnectionDetails.Standalone standalone = details.getStandalone();
        RedisURI.Builder builder = RedisURI.builder()
                .withHost(standalone.getHost())
                .withPort(standalone.getPort())
                .withDatabase(standalone.getDatabase())
                .withTimeout(properties.redisTimeout());
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
