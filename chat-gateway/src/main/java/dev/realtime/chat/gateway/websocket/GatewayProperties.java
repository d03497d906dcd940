package dev.realtime.chat.gateway.websocket;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The real-time half of the gateway.
 *
 * @param heartbeat            STOMP heart-beat the server offers, both directions (protocol.md: 10000,10000)
 * @param maxFrameBytes        largest inbound STOMP frame (WebSocket message size limit); bigger closes the session
 * @param sendBufferBytes      per-session send buffer; a client that lets it overflow is closed (slow client)
 * @param sendTimeLimit        longest a single send to one client may take before that client is closed
 * @param maxBatchMessages     cap of chat messages in one MessageBatch / events in one EventBatch
 * @param maxBatchBytes        cap of the (estimated) JSON bytes of one batch
 * @param maxPendingPerShard   chat messages waiting for a shard's next batch beyond which sends get unavailable
 *                             (the broker is not keeping up); bounds the gateway's memory
 * @param publishTimeout       how long a batch waits for the broker's confirm before its senders get unavailable
 * @param idempotencyTtl       how long a clientMessageId stays the same message
 * @param redisTimeout         timeout of every Redis command of the send path
 * @param registryRefresh      period of the session registry refresh (user gateways ZSET, gateway alive key)
 * @param registryTtl          expiry written with each refresh
 * @param seqRecoveryMargin    added to the highest seq found in Cassandra when the Redis counter was lost; 0 keeps
 *                             seqs dense, a margin covers acked messages still in the persist queue (see
 *                             {@code RedisSendLedger})
 * @param shutdownFlushTimeout how long shutdown waits for batches in flight to be confirmed
 * @param sockJsPath           optional SockJS endpoint (blank = none); {@code /ws} is always raw WebSocket
 * @param writerThreads        threads that write queued frames to the sockets; a client that stopped reading holds
 *                             one of them for up to {@code sendTimeLimit}
 * @param compression          negotiate {@code permessage-deflate} when a client offers it (off: it costs more CPU per
 *                             chat frame than the rest of the gateway's work on it)
 * @param messageBufferBytes   Tomcat's per-session text and binary message buffers; larger messages are handed over
 *                             in parts and joined by the STOMP decoder (memory per idle connection)
 * @param socketBufferBytes    Tomcat's per-connection socket read and write buffers (memory per idle connection)
 */
@Validated
@ConfigurationProperties("chat.gateway")
public record GatewayProperties(
        @DefaultValue("10s") @NotNull Duration heartbeat,
        @DefaultValue("65536") @Min(1024) int maxFrameBytes,
        @DefaultValue("1048576") @Min(1024) int sendBufferBytes,
        @DefaultValue("10s") @NotNull Duration sendTimeLimit,
        @DefaultValue("500") @Min(1) int maxBatchMessages,
        @DefaultValue("262144") @Min(1024) int maxBatchBytes,
        @DefaultValue("20000") @Min(1) int maxPendingPerShard,
        @DefaultValue("5s") @NotNull Duration publishTimeout,
        @DefaultValue("24h") @NotNull Duration idempotencyTtl,
        @DefaultValue("2s") @NotNull Duration redisTimeout,
        @DefaultValue("10s") @NotNull Duration registryRefresh,
        @DefaultValue("30s") @NotNull Duration registryTtl,
        @DefaultValue("0") @Min(0) long seqRecoveryMargin,
        @DefaultValue("10s") @NotNull Duration shutdownFlushTimeout,
        @DefaultValue("") String sockJsPath,
        @DefaultValue("8") @Min(1) int writerThreads,
        @DefaultValue("false") boolean compression,
        @DefaultValue("512") @Min(256) int messageBufferBytes,
        @DefaultValue("1024") @Min(512) int socketBufferBytes) {
}
