package dev.realtime.chat.gateway.presence;

import dev.realtime.chat.gateway.system.ApiException;
import dev.realtime.chat.model.wire.PresenceView;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/presence?userIds=a,b}. */
@RestController
@RequestMapping("/api/presence")
class PresenceController {

    static final int MAX_USERS = 200;

    private final PresenceReader presence;

    PresenceController(PresenceReader presence) {
        this.presence = presence;
    }

    @GetMapping
    CompletableFuture<List<PresenceView>> presence(@RequestParam("userIds") String userIds) {
        return presence.presenceOf(parse(userIds));
    }

    static Set<String> parse(String userIds) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : userIds.split(",")) {
            String stripped = id.strip();
            if (!stripped.isEmpty()) {
                if (stripped.length() > 64) {
                    throw ApiException.invalid("userIds must be user ids separated by commas");
                }
                ids.add(stripped);
            }
        }
        if (ids.isEmpty()) {
            throw ApiException.invalid("userIds must name at least one user");
        }
        if (ids.size() > MAX_USERS) {
            throw ApiException.invalid("at most " + MAX_USERS + " userIds");
        }
        return ids;
    }
}
