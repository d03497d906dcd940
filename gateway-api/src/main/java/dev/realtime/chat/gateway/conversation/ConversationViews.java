package dev.realtime.chat.gateway.conversation;

import dev.realtime.chat.gateway.history.HistoryService;
import dev.realtime.chat.gateway.history.RecentHistory;
import dev.realtime.chat.gateway.system.Futures;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.model.wire.ConversationView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/**
 * Builds the protocol's Conversation view. lastSeq = Redis counter (else Cassandra conversation_activity),
 * lastMessage = newest of the Redis history (else Cassandra), unread = lastSeq − the caller's read watermark (Redis
 * hash, else Cassandra read_marks). The Redis reads of all conversations go out together (pipelined).
 */
@Component
public class ConversationViews {

    private final RecentHistory recent;
    private final HistoryService history;
    private final ConversationRepository repository;

    public ConversationViews(RecentHistory recent, HistoryService history, ConversationRepository repository) {
        this.recent = recent;
        this.history = history;
        this.repository = repository;
    }

    /** A view with its activity time, for sorting. */
    public record Ranked(ConversationView view, Instant activity) {
    }

    public static final Comparator<Ranked> NEWEST_ACTIVITY_FIRST = Comparator
            .comparing(Ranked::activity, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(ranked -> ranked.view().id(), Comparator.reverseOrder());

    public CompletableFuture<ConversationView> view(ConversationRecord conversation, Collection<String> members,
            String viewerId) {
        return ranked(conversation, members, viewerId).thenApply(Ranked::view);
    }

    public CompletableFuture<Ranked> ranked(ConversationRecord conversation, Collection<String> members,
            String viewerId) {
        String id = conversation.id();
        CompletableFuture<Long> redisSeq = recent.lastSeq(id).exceptionally(error -> null);
        CompletableFuture<ChatMessage> redisLatest = recent.latest(id).exceptionally(error -> null);
        CompletableFuture<Long> redisRead = recent.readMark(id, viewerId).exceptionally(error -> null);

        CompletableFuture<ConversationRepository.Activity> activity = redisSeq.thenCompose(seq -> seq != null
                ? CompletableFuture.completedFuture(new ConversationRepository.Activity(seq, null))
                : repository.activity(id));
        // The Redis copy is the newest there is (Cassandra is behind the router); Cassandra only when Redis has none.
        CompletableFuture<ChatMessage> latest = redisLatest.thenCombine(activity, (message, act) ->
                message != null || act.lastSeq() <= 0 ? CompletableFuture.completedFuture(message)
                        : history.latest(id, act.lastSeq())).thenCompose(future -> future);
        CompletableFuture<Long> read = redisRead.thenCompose(mark -> mark != null
                ? CompletableFuture.completedFuture(mark)
                : repository.readMark(id, viewerId).thenApply(stored -> stored == null ? 0L : stored));

        return CompletableFuture.allOf(activity, latest, read).thenApply(ignored -> {
            ConversationRepository.Activity act = activity.join();
            ChatMessage message = latest.join();
            long lastSeq = Math.max(act.lastSeq(), message == null ? 0 : message.seq());
            long unread = Math.max(0, lastSeq - read.join());
            List<String> memberIds = new ArrayList<>(members);
            memberIds.sort(Comparator.naturalOrder());
            ConversationView view = new ConversationView(id, conversation.type(), conversation.name(),
                    List.copyOf(memberIds), lastSeq, message, unread);
            Instant when = message != null && message.sentAt() != null ? message.sentAt()
                    : act.lastMessageAt() != null ? act.lastMessageAt() : conversation.createdAt();
            return new Ranked(view, when);
        });
    }

    public CompletableFuture<List<ConversationView>> newestFirst(List<CompletableFuture<Ranked>> views) {
        return Futures.all(views).thenApply(all -> all.stream()
                .filter(ranked -> ranked != null)
                .sorted(NEWEST_ACTIVITY_FIRST)
                .map(Ranked::view)
                .toList());
    }
}
