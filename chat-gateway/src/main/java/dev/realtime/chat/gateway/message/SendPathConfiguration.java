package dev.realtime.chat.gateway.message;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.realtime.chat.gateway.conversation.ConversationMembers;
import dev.realtime.chat.gateway.publish.MessageBatchPublisher;
import dev.realtime.chat.gateway.redis.GatewayRedis;
import dev.realtime.chat.gateway.session.SessionMessenger;
import dev.realtime.chat.gateway.websocket.GatewayProperties;
import dev.realtime.chat.model.id.SnowflakeIdGenerator;
import dev.realtime.chat.model.topology.RedisKeys;
import dev.realtime.chat.support.cassandra.ChatKeyspace;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import dev.realtime.chat.gateway.websocket.StompSessionListener;
import dev.realtime.chat.gateway.auth.AuthenticatedUser;

/** The wiring of {@code /app/chat.send}. */
@Configuration(proxyBeanMethods = false)
class SendPathConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SendPathConfiguration.class);

    @Bean
    SendMetrics sendMetrics(MeterRegistry registry) {
        return new SendMetrics(registry);
    }

    @Bean
    InFlightMessages inFlightMessages() {
        return new InFlightMessages();
    }

    @Bean
    SessionSendOrder sessionSendOrder() {
        return new SessionSendOrder();
    }

    @Bean
    SeqRecovery seqRecovery(CqlSession session, ChatKeyspace keyspace) {
        return new CassandraSeqRecovery(session, keyspace);
    }

    @Bean
    RedisSendLedger sendLedger(GatewayRedis redis, RedisKeys keys, SeqRecovery recovery,
            GatewayProperties properties, MeterRegistry registry) {
        return new RedisSendLedger(redis, keys, recovery, properties.idempotencyTtl(), properties.seqRecoveryMargin(),
                registry);
    }

    @Bean
    AckDispatcher ackDispatcher(SessionMessenger messenger, InFlightMessages inFlight, SendLedger ledger,
            SendMetrics metrics) {
        return new AckDispatcher(messenger, inFlight, ledger, metrics);
    }

    @Bean
    ChatSendService chatSendService(ConversationMembers members, SendLedger ledger, MessageBatchPublisher publisher,
            InFlightMessages inFlight, AckDispatcher outcomes, SessionMessenger messenger, SessionSendOrder order,
            SnowflakeIdGenerator ids, RedisKeys keys, SendMetrics metrics) {
        return new ChatSendService(members, ledger, publisher, inFlight, outcomes, messenger, order, ids, keys, metrics,
                Instant::now);
    }

    /** A closed session's ordering chain is dropped (its sends still in flight complete as usual). */
    @Bean
    StompSessionListener sendOrderCleanup(ChatSendService sendService) {
        return new StompSessionListener() {
            @Override
            public void closed(AuthenticatedUser user, String sessionId) {
                sendService.sessionClosed(sessionId);
            }
        };
    }

    /**
     * Graceful shutdown, before any lifecycle bean stops (sessions and broker connection still up): refuse new
     * sends, then wait for the batches in flight so that their senders get their acks.
     */
    @Bean
    ApplicationListener<ContextClosedEvent> sendPathShutdown(ChatSendService sendService,
            MessageBatchPublisher publisher, GatewayProperties properties) {
        return event -> {
            sendService.stopAccepting();
            try {
                if (!publisher.awaitIdle(properties.shutdownFlushTimeout())) {
                    log.warn("Shutdown: {} messages still unconfirmed after {}", publisher.pending(),
                            properties.shutdownFlushTimeout());
                } else {
                    log.info("Shutdown: send path flushed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
