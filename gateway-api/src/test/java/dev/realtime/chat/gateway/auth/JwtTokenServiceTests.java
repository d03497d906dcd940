package dev.realtime.chat.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JwtTokenServiceTests {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
    private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

    private static JwtTokenService service(String secret, boolean allowDev, Duration ttl, Instant now) {
        return new JwtTokenService(new AuthProperties(secret, allowDev, ttl, 4), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void verifiesTheTokenItIssuedWithUserIdUsernameAndExpiry() {
        JwtTokenService tokens = service(SECRET, false, Duration.ofHours(12), NOW);

        IssuedToken issued = tokens.issue("42", "alice");
        AuthenticatedUser user = tokens.verify(issued.token());

        assertThat(issued.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(12)));
        assertThat(user.userId()).isEqualTo("42");
        assertThat(user.getName()).isEqualTo("42");
        assertThat(user.username()).isEqualTo("alice");
        assertThat(user.expiresAt()).isEqualTo(issued.expiresAt());
    }

    @Test
    void rejectsAnExpiredToken() {
        String token = service(SECRET, false, Duration.ofMinutes(5), NOW).issue("42", "alice").token();
        JwtTokenService later = service(SECRET, false, Duration.ofMinutes(5), NOW.plus(Duration.ofMinutes(6)));

        assertThatThrownBy(() -> later.verify(token)).isInstanceOf(InvalidTokenException.class)
                .hasMessage("token expired");
    }

    @Test
    void rejectsATokenSignedWithAnotherSecret() {
        String forged = service("another-secret-that-is-long-enough-0123456789", false, Duration.ofHours(1), NOW)
                .issue("42", "alice").token();

        assertThatThrownBy(() -> service(SECRET, false, Duration.ofHours(1), NOW).verify(forged))
                .isInstanceOf(InvalidTokenException.class).hasMessage("invalid token");
    }

    @Test
    void rejectsATamperedPayload() {
        JwtTokenService tokens = service(SECRET, false, Duration.ofHours(1), NOW);
        String[] parts = tokens.issue("42", "alice").token().split("\\.");
        String otherPayload = tokens.issue("43", "mallory").token().split("\\.")[1];

        assertThatThrownBy(() -> tokens.verify(parts[0] + "." + otherPayload + "." + parts[2]))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void rejectsGarbageAndMissingTokens() {
        JwtTokenService tokens = service(SECRET, false, Duration.ofHours(1), NOW);

        assertThatThrownBy(() -> tokens.verify("not-a-jwt")).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.verify("")).isInstanceOf(InvalidTokenException.class)
                .hasMessage("missing token");
        assertThatThrownBy(() -> tokens.verify(null)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void rejectsAnUnsignedToken() {
        JwtTokenService tokens = service(SECRET, false, Duration.ofHours(1), NOW);
        String[] parts = tokens.issue("42", "alice").token().split("\\.");
        String unsignedHeader = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThatThrownBy(() -> tokens.verify(unsignedHeader + "." + parts[1] + "."))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void refusesToStartWithoutASecretUnlessTheDevSecretIsAllowed() {
        assertThatThrownBy(() -> service("", false, Duration.ofHours(1), NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chat.auth.jwt-secret is not set")
                .hasMessageContaining("chat.auth.allow-dev-secret=true");
        assertThatThrownBy(() -> service(null, false, Duration.ofHours(1), NOW))
                .isInstanceOf(IllegalStateException.class);

        JwtTokenService dev = service(" ", true, Duration.ofHours(1), NOW);
        assertThat(dev.verify(dev.issue("1", "bob").token()).username()).isEqualTo("bob");
    }

    @Test
    void tokensOfTheDevSecretAreValidOnEveryInstanceUsingIt() {
        String token = service(null, true, Duration.ofHours(1), NOW).issue("7", "carol").token();

        assertThat(service("", true, Duration.ofHours(1), NOW).verify(token).userId()).isEqualTo("7");
    }

    @Test
    void refusesASecretShorterThan32Bytes() {
        assertThatThrownBy(() -> service("short-secret", false, Duration.ofHours(1), NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("too short");
    }
}
