package dev.realtime.chat.gateway.auth;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Accounts and tokens.
 *
 * @param jwtSecret      HS256 secret, at least 32 bytes (UTF-8); the same on every gateway
 * @param allowDevSecret start with a fixed, public development secret when {@code jwtSecret} is blank
 * @param tokenTtl       lifetime of an issued token
 * @param bcryptStrength BCrypt log rounds for password hashes
 */
@Validated
@ConfigurationProperties("chat.auth")
public record AuthProperties(
        String jwtSecret,
        @DefaultValue("false") boolean allowDevSecret,
        @DefaultValue("12h") @NotNull Duration tokenTtl,
        @DefaultValue("10") @Min(4) @Max(31) int bcryptStrength) {

    @Override
    public String toString() {
        return "AuthProperties[jwtSecret=" + (jwtSecret == null || jwtSecret.isBlank() ? "<blank>" : "<set>")
                + ", allowDevSecret=" + allowDevSecret + ", tokenTtl=" + tokenTtl + ", bcryptStrength="
                + bcryptStrength + "]";
    }
}
