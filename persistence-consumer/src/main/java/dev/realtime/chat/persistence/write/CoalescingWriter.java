package dev.realtime.chat.persistence.write;

import dev.realtime.chat.model.wire.ChatMessage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Group commit in front of the {@link MessageWriter}: at most {@code maxConcurrentWrites} writes in flight; input
 * batches that arrive while they are all busy wait, and the next free slot writes everything that waited (up to
 * {@code maxMessagesPerWrite} messages) as <em>one</em> write. Gateways publish batches of a few messages each;
 * written one by one they made one small Cassandra request each (9 messages per request at 2,000 msg/s), and
 * Cassandra's cost per request, not per row, dominated. A lone batch at low load waits for nobody.
 *
 * <p>Each caller gets the outcome of its own messages only ({@link WriteOutcome#only}), so a failure of another
 * batch's message never requeues or retries this one's; an unreachable Cassandra fails all of them alike, as it
 * would unmerged. Retries ({@code mergeable == false}) are written alone and outside the slots, so a message that
 * Cassandra keeps rejecting shares a request with other batches' messages at most once.
 */
public final class CoalescingWriter {

    private final Function<List<ChatMessage>, CompletableFuture<WriteOutcome>> writer;
    private final int maxConcurrentWrites;
    private final int maxMessagesPerWrite;

    // guarded by this
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private int inFlight;

    public CoalescingWriter(MessageWriter writer, int maxConcurrentWrites, int maxMessagesPerWrite) {
        this(writer::write, maxConcurrentWrites, maxMessagesPerWrite);
    }

    CoalescingWriter(Function<List<ChatMessage>, CompletableFuture<WriteOutcome>> writer, int maxConcurrentWrites,
            int maxMessagesPerWrite) {
        this.writer = writer;
        this.maxConcurrentWrites = Math.max(1, maxConcurrentWrites);
        this.maxMessagesPerWrite = Math.max(1, maxMessagesPerWrite);
    }

    /** Never throws, never blocks; the future never fails (failures are in the outcome). */
    public CompletableFuture<WriteOutcome> write(List<ChatMessage> messages, boolean mergeable) {
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(WriteOutcome.success());
        }
        if (!mergeable) {
            return writer.apply(messages);
        }
        Request request = new Request(messages);
        List<Request> group;
        synchronized (this) {
            waiting.add(request);
            if (inFlight >= maxConcurrentWrites) {
                return request.result;
            }
            inFlight++;
            group = takeGroup();
        }
        start(group);
        return request.result;
    }

    /** Batches waiting for a free write slot. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** Merged writes in flight. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** Whole batches in arrival order, at least one, up to the message limit. Holds the lock. */
    private List<Request> takeGroup() {
        List<Request> group = new ArrayList<>();
        int messages = 0;
        Request next;
        while ((next = waiting.peek()) != null
                && (group.isEmpty() || messages + next.messages.size() <= maxMessagesPerWrite)) {
            group.add(waiting.poll());
            messages += next.messages.size();
        }
        return group;
    }

    private void start(List<Request> group) {
        while (group != null) {
            CompletableFuture<WriteOutcome> written;
            if (group.size() == 1) {
                written = writer.apply(group.get(0).messages);
            } else {
                List<ChatMessage> all = new ArrayList<>();
                group.forEach(request -> all.addAll(request.messages));
                written = writer.apply(all);
            }
            List<Request> current = group;
            if (!written.isDone()) {
                written.whenComplete((outcome, error) -> {
                    complete(current, outcome, error);
                    start(next());
                });
                return;
            }
            // completed at once (nothing reached Cassandra): go on here rather than recursing
            complete(current, written.getNow(null), null);
            group = next();
        }
    }

    private List<Request> next() {
        synchronized (this) {
            if (waiting.isEmpty()) {
                inFlight--;
                return null;
            }
            return takeGroup();
        }
    }

    private static void complete(List<Request> group, WriteOutcome outcome, Throwable error) {
        for (Request request : group) {
            if (outcome == null) {
                // MessageWriter never fails its future; if it ever did, every message failed with it
                Map<ChatMessage, Throwable> all = new IdentityHashMap<>();
                Throwable cause = error == null ? new IllegalStateException("no write outcome") : error;
                request.messages.forEach(message -> all.put(message, cause));
                request.result.complete(WriteOutcome.of(all));
            } else {
                request.result.complete(group.size() == 1 ? outcome : outcome.only(request.messages));
            }
        }
    }

    private static final class Request {

        final List<ChatMessage> messages;
        final CompletableFuture<WriteOutcome> result = new CompletableFuture<>();

        Request(List<ChatMessage> messages) {
            this.messages = messages;
        }
    }
}
