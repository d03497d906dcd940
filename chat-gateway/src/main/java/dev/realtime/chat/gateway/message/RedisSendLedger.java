package dev.realtime.chat.gateway.message;

import dev.realtime.chat.gateway.redis.GatewayRedis;
import dev.realtime.chat.gateway.redis.LuaScript;
import dev.realtime.chat.model.topology.RedisKeys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seq and idempotency in one Lua script, on the one ordered Lettuce connection ({@link GatewayRedis}).
 *
 * <p><b>Order.</b> Redis runs the scripts of one connection in the order they were written (one writer thread
 * writes them in call order, as many as are queued as one list per write) and answers in that order; the callback
 * of each is registered before it is written, so callbacks run on the connection's event loop in that same order.
 * Hence (1) for one conversation, whatever the callbacks hand to the publisher reaches it in seq order, and (2)
 * calls issued in a client's send order ({@code SessionSendOrder}) get seqs in that order without waiting for each
 * other's answer: a session's sends to a conversation whose counter was seen ({@link #counterKnown}) are pipelined.
 * A send that finds no counter has to be issued again after the recovery, and a later send of the session must not
 * overtake it, so until the counter was seen each send waits for the previous one's answer. Every call is an EVAL
 * (Redis caches the compiled script): an EVALSHA failing with NOSCRIPT after a Redis restart would have to be
 * re-issued too, behind sends issued after it.
 *
 * <p><b>Lost counter.</b> When the conversation's seq key does not exist (a new conversation, or Redis lost its
 * data) the script assigns nothing and answers {@code missing}. Those answers arrive in issue order and park the
 * sends in that order; the highest seq is read from Cassandra ({@link SeqRecovery}, off the hot path) and the parked
 * sends are issued again, in order, carrying it as a floor that the script writes if the key is still missing (the
 * floor and the INCR are one atomic step, so nothing issued meanwhile can take a seq in between).
 *
 * <p><b>Residual races.</b> (a) Cassandra only knows what the persistence consumer has written. Messages that were
 * acked (confirmed into the persist queue) but not yet written when the counter is recovered are invisible to the
 * recovery, so the recovered counter can be lower than the highest seq in use and the next sends can reuse those
 * seqs. The window is the persistence lag at the moment Redis lost its data (normally well under a second, longer
 * while Cassandra is down). {@code chat.gateway.seq-recovery-margin} closes it at the price of a hole in seq
 * (clients sync past it); it defaults to 0 so that a conversation without history starts at 1 and seqs stay dense.
 * (b) If Redis loses the counter of a conversation this gateway already pipelines (the loss is only seen on the
 * answer), sends of one session that were in flight together can be numbered out of their send order, once.
 * (c) Idempotency keys lost with Redis are not recovered: a resend of a message acked before the loss becomes a new
 * message (Cassandra {@code messages_by_client_id} could answer it; not done here).
 */
class RedisSendLedger implements SendLedger, AutoCloseable {

    /**
     * KEYS[1] idempotency key, KEYS[2] seq key; ARGV[1] record prefix, ARGV[2] record suffix, ARGV[3] ttl s,
     * ARGV[4] recovered floor of a missing counter ("" = none: answer missing).
     */
    static final String ALLOCATE = """
            local e = redis.call('GET', KEYS[1])
            if e then return {'dup', e} end
            if redis.call('EXISTS', KEYS[2]) == 0 then
              if ARGV[4] == '' then return {'missing'} end
              redis.call('SET', KEYS[2], ARGV[4])
            end
            local s = redis.call('INCR', KEYS[2])
            redis.call('SET', KEYS[1], ARGV[1] .. s .. ARGV[2], 'EX', tonumber(ARGV[3]))
            return {'new', s}
            """;

    /** KEYS = idempotency keys of a confirmed batch: state byte P -> C, TTL kept. */
    static final String CONFIRM = """
            for _, key in ipairs(KEYS) do
              if redis.call('EXISTS', key) == 1 then redis.call('SETRANGE', key, 0, 'C') end
            end
            return #KEYS
            """;

    private static final Logger log = LoggerFactory.getLogger(RedisSendLedger.class);
    private static final LuaScript CONFIRM_SCRIPT = LuaScript.of(CONFIRM);

    private final GatewayRedis redis;
    private final RedisKeys keys;
    private final SeqRecovery recovery;
    private final String ttlSeconds;
    private final long recoveryMargin;
    private final Map<String, Gate> recovering = new ConcurrentHashMap<>();
    /**
     * Every allocation is written from this one thread. Netty writes inline when called on the connection's event
     * loop and queues the write when called from any other thread, so calls made in order from different threads
     * (a session's steps run wherever their previous step completed) could reach the socket out of order. One
     * writer thread makes the write order the call order.
     */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "gateway-redis-writer");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * Commands waiting for the writer, in call order. The writer takes all that are there and dispatches them as
     * one list: Lettuce hands a list to the event loop as one task and flushes it once, so a burst of sends costs
     * one wake-up of the writer, one of the event loop and one socket write instead of one of each per command.
     */
    private final ConcurrentLinkedQueue<AsyncCommand<String, String, List<Object>>> outgoing =
            new ConcurrentLinkedQueue<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final DistributionSummary dispatchSize;
    private static final int MAX_COMMANDS_PER_WRITE = 256;
    /** Conversations whose counter was seen (bounded: cleared when full, which only costs pipelining). */
    private final Map<String, Boolean> countersSeen = new ConcurrentHashMap<>();
    private static final int MAX_COUNTERS_SEEN = 200_000;

    RedisSendLedger(GatewayRedis redis, RedisKeys keys, SeqRecovery recovery, Duration idempotencyTtl,
            long recoveryMargin, MeterRegistry registry) {
        this.dispatchSize = DistributionSummary.builder("chat.send.ledger.dispatch.size")
                .description("seq + idempotency calls written to Redis together").register(registry);
        this.redis = redis;
        this.keys = keys;
        this.recovery = recovery;
        this.ttlSeconds = Long.toString(Math.max(1, idempotencyTtl.toSeconds()));
        this.recoveryMargin = recoveryMargin;
    }

    @Override
    public CompletableFuture<Allocation> allocate(String conversationId, String idempotencyKey, String recordPrefix,
            String recordSuffix, BiConsumer<Allocation, Throwable> onAnswer) {
        Request request = new Request(conversationId, idempotencyKey, recordPrefix, recordSuffix);
        CompletableFuture<Allocation> answered = request.result.whenComplete(onAnswer); // before the call is issued
        issue(request, "");
        return answered;
    }

    @Override
    public boolean counterKnown(String conversationId) {
        return countersSeen.containsKey(conversationId);
    }

    @Override
    public CompletableFuture<Void> markConfirmed(List<String> idempotencyKeys) {
        if (idempotencyKeys.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return CONFIRM_SCRIPT.<Long>run(redis.async(), ScriptOutputType.INTEGER,
                    idempotencyKeys.toArray(String[]::new)).thenApply(count -> null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Dispatches the script with its callback registered BEFORE the command is written, so that the callback runs
     * on the connection's event loop, in reply order.
     */
    private void issue(Request request, String floor) {
        String[] scriptKeys = { request.idempotencyKey, keys.conversationSeq(request.conversationId) };
        CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8)
                .add(ALLOCATE)
                .add(scriptKeys.length)
                .addKeys(scriptKeys)
                .addValues(request.recordPrefix, request.recordSuffix, ttlSeconds, floor);
        AsyncCommand<String, String, List<Object>> command = new AsyncCommand<>(
                new Command<>(CommandType.EVAL, new NestedMultiOutput<>(StringCodec.UTF8), args));
        command.whenComplete((reply, error) -> onReply(request, reply, error));
        outgoing.add(command);
        if (flushScheduled.compareAndSet(false, true)) {
            try {
                writer.execute(this::flush);
            } catch (RejectedExecutionException e) {
                flushScheduled.set(false);
                AsyncCommand<String, String, List<Object>> left;
                while ((left = outgoing.poll()) != null) {
                    left.completeExceptionally(e); // shutting down
                }
            }
        }
    }

    /** On the writer thread: dispatches what is queued, in queue order, as lists of at most 256 commands. */
    private void flush() {
        while (true) {
            // A new list each time: Lettuce hands the list itself to the event loop, which writes it later.
            List<AsyncCommand<String, String, List<Object>>> batch = new ArrayList<>();
            AsyncCommand<String, String, List<Object>> next;
            while (batch.size() < MAX_COMMANDS_PER_WRITE && (next = outgoing.poll()) != null) {
                batch.add(next);
            }
            if (!batch.isEmpty()) {
                dispatch(batch);
                continue;
            }
            flushScheduled.set(false);
            if (outgoing.isEmpty() || !flushScheduled.compareAndSet(false, true)) {
                return;
            }
        }
    }

    private void dispatch(List<AsyncCommand<String, String, List<Object>>> batch) {
        dispatchSize.record(batch.size());
        try {
            redis.connection().dispatch(batch);
        } catch (RuntimeException e) {
            batch.forEach(command -> command.completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        writer.shutdown();
    }

    private void onReply(Request request, List<Object> reply, Throwable error) {
        if (error != null) {
            request.result.completeExceptionally(unwrap(error));
            return;
        }
        try {
            String kind = String.valueOf(reply.get(0));
            switch (kind) {
                case "new" -> {
                    if (countersSeen.size() >= MAX_COUNTERS_SEEN) {
                        countersSeen.clear();
                    }
                    countersSeen.put(request.conversationId, Boolean.TRUE);
                    request.result.complete(new Assigned((Long) reply.get(1)));
                }
                case "dup" -> request.result.complete(new Duplicate(IdempotencyRecord.parse((String) reply.get(1))));
                case "missing" -> onMissingCounter(request);
                default -> throw new IllegalStateException("unexpected reply " + kind);
            }
        } catch (RuntimeException e) {
            request.result.completeExceptionally(e);
        }
    }

    /** On the event loop, in reply order: parks the send behind the conversation's recovery. */
    private void onMissingCounter(Request request) {
        countersSeen.remove(request.conversationId);
        Gate gate = recovering.computeIfAbsent(request.conversationId, Gate::new);
        if (!gate.park(request)) {
            // That recovery just ended: start another (its floor write is a no-op if the counter exists now).
            recovering.remove(request.conversationId, gate);
            onMissingCounter(request);
            return;
        }
        if (!gate.begin()) {
            return;
        }
        log.debug("Recovering the seq counter of conversation {}", request.conversationId);
        CompletableFuture<Long> highest;
        try {
            highest = recovery.highestSeq(request.conversationId).toCompletableFuture();
        } catch (RuntimeException e) {
            highest = CompletableFuture.failedFuture(e);
        }
        highest.whenComplete((seq, failure) -> {
            if (failure != null) {
                log.warn("Seq counter of conversation {} could not be recovered: {}", request.conversationId,
                        unwrap(failure).toString());
                gate.release(parked -> parked.result.completeExceptionally(unwrap(failure)));
            } else {
                String floor = Long.toString(seq > 0 ? seq + recoveryMargin : 0);
                gate.release(parked -> issue(parked, floor));
            }
            recovering.remove(request.conversationId, gate);
        });
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static final class Request {

        final String conversationId;
        final String idempotencyKey;
        final String recordPrefix;
        final String recordSuffix;
        final CompletableFuture<Allocation> result = new CompletableFuture<>();

        Request(String conversationId, String idempotencyKey, String recordPrefix, String recordSuffix) {
            this.conversationId = conversationId;
            this.idempotencyKey = idempotencyKey;
            this.recordPrefix = recordPrefix;
            this.recordSuffix = recordSuffix;
        }
    }

    /** The sends of one conversation waiting for its counter, in the order Redis answered them. */
    private static final class Gate {

        private final List<Request> parked = new ArrayList<>();
        private boolean started;
        private boolean released;

        Gate(String conversationId) {
        }

        synchronized boolean park(Request request) {
            if (released) {
                return false;
            }
            parked.add(request);
            return true;
        }

        synchronized boolean begin() {
            boolean first = !started;
            started = true;
            return first;
        }

        /** Re-issues (or fails) the parked sends in order, under the lock. */
        synchronized void release(Consumer<Request> action) {
            released = true;
            for (Request request : parked) {
                action.accept(request);
            }
            parked.clear();
        }
    }
}
