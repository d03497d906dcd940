package dev.realtime.chat.gateway.history;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import dev.realtime.chat.gateway.system.ApiException;
import dev.realtime.chat.model.wire.MessagePage;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/conversations/{id}/messages?beforeSeq=N&limit=50} (newest first) and {@code ?afterSeq=N&limit=500}
 * (oldest first, sync after reconnect); without either, the newest page.
 */
@RestController
class HistoryController {

    private final HistoryService history;
    private final HistoryProperties properties;

    HistoryController(HistoryService history, HistoryProperties properties) {
        this.history = history;
        this.properties = properties;
    }

    @GetMapping("/api/conversations/{id}/messages")
    CompletableFuture<MessagePage> messages(AuthenticatedUser user, @PathVariable("id") String conversationId,
            @RequestParam(name = "beforeSeq", required = false) String beforeSeq,
            @RequestParam(name = "afterSeq", required = false) String afterSeq,
            @RequestParam(name = "limit", required = false) String limit) {
        return history.page(user.userId(), conversationId, query(beforeSeq, afterSeq, limit));
    }

    HistoryQuery query(String beforeSeq, String afterSeq, String limit) {
        if (beforeSeq != null && afterSeq != null) {
            throw ApiException.invalid("give beforeSeq or afterSeq, not both");
        }
        if (afterSeq != null) {
            return HistoryQuery.after(seq("afterSeq", afterSeq), limit(limit, properties.defaultAfterLimit()));
        }
        long before = beforeSeq == null ? HistoryQuery.NEWEST : seq("beforeSeq", beforeSeq);
        return HistoryQuery.before(before, limit(limit, properties.defaultBeforeLimit()));
    }

    private static long seq(String name, String value) {
        try {
            long seq = Long.parseLong(value.strip());
            if (seq < 0) {
                throw ApiException.invalid(name + " must be a non-negative integer");
            }
            return seq;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name + " must be a non-negative integer");
        }
    }

    private int limit(String value, int defaultLimit) {
        int max = properties.maxLimit();
        if (value == null) {
            return Math.min(defaultLimit, max);
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid("limit must be an integer");
        }
        return (int) Math.max(1, Math.min(max, parsed));
    }
}
