package dev.realtime.chat.gateway.user;

import dev.realtime.chat.model.wire.UserSummary;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/users?prefix=al[&limit=20]}: users whose name starts with the prefix, by name. */
@RestController
@RequestMapping("/api/users")
class UserController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final UserRepository users;

    UserController(UserRepository users) {
        this.users = users;
    }

    @GetMapping
    CompletableFuture<List<UserSummary>> search(@RequestParam("prefix") String prefix,
            @RequestParam(name = "limit", required = false) Integer limit) {
        String normalized = UsernamePolicy.normalizePrefix(prefix);
        int clamped = Math.max(1, Math.min(MAX_LIMIT, limit == null ? DEFAULT_LIMIT : limit));
        return users.byPrefix(normalized, clamped);
    }
}
