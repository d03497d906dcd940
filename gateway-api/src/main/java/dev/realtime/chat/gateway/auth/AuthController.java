package dev.realtime.chat.gateway.auth;

import dev.realtime.chat.model.wire.Credentials;
import dev.realtime.chat.model.wire.LoginResponse;
import dev.realtime.chat.model.wire.UserSummary;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/auth/register} and {@code POST /api/auth/login}: the two calls without a token. */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final AccountService accounts;

    AuthController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/register")
    CompletableFuture<ResponseEntity<UserSummary>> register(@RequestBody Credentials credentials) {
        return accounts.register(credentials).thenApply(user -> ResponseEntity.status(HttpStatus.CREATED).body(user));
    }

    @PostMapping("/login")
    CompletableFuture<LoginResponse> login(@RequestBody Credentials credentials) {
        return accounts.login(credentials);
    }
}
