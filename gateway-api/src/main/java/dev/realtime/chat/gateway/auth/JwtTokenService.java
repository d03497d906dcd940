package dev.realtime.chat.gateway.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Issues and verifies the bearer tokens of REST and STOMP: HS256 JWTs with {@code sub} = user id, a
 * {@code username} claim and {@code exp}. Verification is pure CPU (no I/O), safe on any thread.
 */
@Service
public class JwtTokenService implements TokenVerifier {

    /** Public and therefore worthless: only for local development with {@code chat.auth.allow-dev-secret=true}. */
    static final String DEV_SECRET = "chat-dev-secret-never-use-in-production-0123456789";
    static final int MIN_SECRET_BYTES = 32;
    static final String USERNAME_CLAIM = "username";

    private static final Logger log = LoggerFactory.getLogger(JwtTokenService.class);

    private final SecretKey key;
    private final Duration ttl;
    private final Clock clock;
    private final JwtParser parser;

    @Autowired
    public JwtTokenService(AuthProperties properties) {
        this(properties, Clock.systemUTC());
    }

    JwtTokenService(AuthProperties properties, Clock clock) {
        this.key = Keys.hmacShaKeyFor(secretBytes(properties));
        this.ttl = properties.tokenTtl();
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalStateException("chat.auth.token-ttl must be positive, was " + ttl);
        }
        this.clock = clock;
        this.parser = Jwts.parser()
                .verifyWith(key)
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    private static byte[] secretBytes(AuthProperties properties) {
        String secret = properties.jwtSecret();
        if (secret == null || secret.isBlank()) {
            if (!properties.allowDevSecret()) {
                throw new IllegalStateException("chat.auth.jwt-secret is not set: set it (env CHAT_AUTH_JWT_SECRET) "
                        + "to a random secret of at least " + MIN_SECRET_BYTES + " bytes, the same on every gateway, "
                        + "or set chat.auth.allow-dev-secret=true for local development only");
            }
            log.warn("chat.auth.jwt-secret is blank: signing tokens with the PUBLIC development secret "
                    + "(chat.auth.allow-dev-secret=true). Never run like this in production.");
            return DEV_SECRET.getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("chat.auth.jwt-secret is too short: " + bytes.length + " bytes, HS256 needs "
                    + "at least " + MIN_SECRET_BYTES);
        }
        return bytes;
    }

    /** A token for a user who just proved their password. */
    public IssuedToken issue(String userId, String username) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        String token = Jwts.builder()
                .subject(userId)
                .claim(USERNAME_CLAIM, username)
                .issuedAt(Date.from(now))
                .expiration(Date.from(expiresAt))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
        return new IssuedToken(token, expiresAt);
    }

    @Override
    public AuthenticatedUser verify(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidTokenException("missing token");
        }
        String userId;
        String username;
        Date expiration;
        try {
            Claims claims = parser.parseSignedClaims(token.strip()).getPayload();
            userId = claims.getSubject();
            username = claims.get(USERNAME_CLAIM, String.class);
            expiration = claims.getExpiration();
        } catch (ExpiredJwtException e) {
            throw new InvalidTokenException("token expired");
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException("invalid token");
        }
        if (userId == null || userId.isBlank() || username == null || expiration == null) {
            throw new InvalidTokenException("invalid token");
        }
        return new AuthenticatedUser(userId, username, expiration.toInstant());
    }
}
