package dev.realtime.chat.gateway.message;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one session's sends in the order the client sent them, through the asynchronous membership check: step
 * n+1 runs only after step n ran. Membership lookups themselves run concurrently.
 *
 * <p>A step issues the send's seq allocation and says how the next step may follow ({@link Issued}): right away
 * (pipelined: Redis answers one connection in order, so seqs follow the send order), or only once this answer came
 * ({@code barrier}: the answer may lead to the send being issued again, and nothing of the session may overtake
 * it). At most {@code window} answers of a session are outstanding: a client that floods cannot queue unbounded
 * work in Redis.
 */
class SessionSendOrder {

    static final int DEFAULT_WINDOW = 64;
    private static final Logger log = LoggerFactory.getLogger(SessionSendOrder.class);
    private static final CompletableFuture<Object> DONE = CompletableFuture.completedFuture(null);

    /** What a step issued: the future of its answer, and whether the next step must wait for it. */
    record Issued(CompletableFuture<?> answer, boolean barrier) {

        static final Issued NOTHING = new Issued(DONE, false);

        static Issued pipelined(CompletableFuture<?> answer) {
            return new Issued(answer, false);
        }

        static Issued barrier(CompletableFuture<?> answer) {
            return new Issued(answer, true);
        }
    }

    private final Map<String, Chain> chains = new ConcurrentHashMap<>();
    private final int window;

    SessionSendOrder() {
        this(DEFAULT_WINDOW);
    }

    SessionSendOrder(int window) {
        this.window = window;
    }

    /** After the session's previous step (and a free place in its window) and {@code input}, runs the step. */
    <T> void then(String sessionId, CompletableFuture<T> input, BiFunction<T, Throwable, Issued> step) {
        chains.computeIfAbsent(sessionId, id -> new Chain(window)).then(input, step);
    }

    void forget(String sessionId) {
        chains.remove(sessionId);
    }

    int sessions() {
        return chains.size();
    }

    private static final class Chain {

        private final int window;
        private final ArrayDeque<CompletableFuture<Object>> answers = new ArrayDeque<>();
        private CompletableFuture<?> tail = DONE;

        Chain(int window) {
            this.window = window;
        }

        synchronized <T> void then(CompletableFuture<T> input, BiFunction<T, Throwable, Issued> step) {
            CompletableFuture<Object> answered = new CompletableFuture<>();
            CompletableFuture<?> room = answers.size() >= window ? answers.pollFirst() : DONE;
            answers.addLast(answered);
            tail = tail.thenCombine(room, (a, b) -> null).thenCompose(ignored -> input.handle((value, error) -> {
                Issued issued;
                try {
                    issued = step.apply(value, error);
                } catch (RuntimeException e) {
                    log.error("Send step failed", e);
                    issued = Issued.NOTHING;
                }
                if (issued == null) {
                    issued = Issued.NOTHING;
                }
                issued.answer().whenComplete((v, e) -> answered.complete(null));
                return issued.barrier() ? answered : DONE;
            }).thenCompose(next -> next));
        }
    }
}
