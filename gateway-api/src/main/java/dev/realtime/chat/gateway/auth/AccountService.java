package dev.realtime.chat.gateway.auth;

import dev.realtime.chat.gateway.system.ApiException;
import dev.realtime.chat.gateway.system.CpuExecutor;
import dev.realtime.chat.gateway.user.UserRecord;
import dev.realtime.chat.gateway.user.UserRepository;
import dev.realtime.chat.gateway.user.UsernamePolicy;
import dev.realtime.chat.model.id.SnowflakeIdGenerator;
import dev.realtime.chat.model.wire.Credentials;
import dev.realtime.chat.model.wire.LoginResponse;
import dev.realtime.chat.model.wire.UserSummary;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Registration and login. BCrypt runs on {@link CpuExecutor}, never on an I/O thread. Usernames are unique through
 * the lightweight transaction on {@code users_by_name}.
 */
@Service
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);
    private static final String BAD_CREDENTIALS = "wrong username or password";

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final JwtTokenService tokens;
    private final SnowflakeIdGenerator ids;
    private final CpuExecutor cpu;
    private final Clock clock = Clock.systemUTC();
    /** Hash compared against when the name is unknown, so that both failures cost the same time. */
    private final CompletableFuture<String> decoyHash;

    public AccountService(UserRepository users, PasswordEncoder passwordEncoder, JwtTokenService tokens,
            SnowflakeIdGenerator ids, CpuExecutor cpu) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.tokens = tokens;
        this.ids = ids;
        this.cpu = cpu;
        this.decoyHash = cpu.supply(() -> passwordEncoder.encode("decoy-password-for-unknown-users"));
    }

    public CompletableFuture<UserSummary> register(Credentials credentials) {
        UsernamePolicy.checkRegistration(credentials);
        String username = credentials.username();
        String userId = ids.nextIdString();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return cpu.supply(() -> passwordEncoder.encode(credentials.password()))
                // The account row first, then the name: a name is never claimed by an id without an account.
                .thenCompose(hash -> users.insert(new UserRecord(userId, username, hash, now)))
                .thenCompose(ignored -> users.claimName(username, userId))
                .thenCompose(claimed -> {
                    if (!claimed) {
                        users.delete(userId).exceptionally(error -> null);
                        throw ApiException.conflict("username is taken");
                    }
                    return users.index(username, userId);
                })
                .thenApply(ignored -> {
                    log.debug("registered user {}", userId);
                    return new UserSummary(userId, username);
                });
    }

    public CompletableFuture<LoginResponse> login(Credentials credentials) {
        if (credentials == null || credentials.password() == null
                || !UsernamePolicy.isValidUsername(credentials.username())) {
            throw ApiException.unauthorized(BAD_CREDENTIALS);
        }
        String username = credentials.username();
        return users.idByName(username)
                .thenCompose(userId -> userId == null ? CompletableFuture.completedFuture(null) : users.find(userId))
                .thenCompose(user -> {
                    CompletableFuture<String> hash = user == null || user.passwordHash() == null ? decoyHash
                            : CompletableFuture.completedFuture(user.passwordHash());
                    return hash.thenCompose(stored -> cpu.supply(() -> matches(credentials.password(), stored)))
                            .thenApply(matches -> {
                                if (!matches || user == null) {
                                    throw ApiException.unauthorized(BAD_CREDENTIALS);
                                }
                                // Repairs the prefix index if registration failed after claiming the name.
                                users.index(user.username(), user.userId()).exceptionally(error -> null);
                                IssuedToken token = tokens.issue(user.userId(), user.username());
                                return new LoginResponse(token.token(), user.userId(), token.expiresAt());
                            });
                });
    }

    private boolean matches(String password, String hash) {
        try {
            return passwordEncoder.matches(password, hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
