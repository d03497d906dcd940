package dev.realtime.chat.gateway.user;

import dev.realtime.chat.gateway.system.ApiException;
import dev.realtime.chat.model.wire.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** protocol.md's rules for accounts: username 3–32 of {@code a-z 0-9 _ . -}, password at least 8 characters. */
public final class UsernamePolicy {

    public static final int MIN_USERNAME = 3;
    public static final int MAX_USERNAME = 32;
    public static final int MIN_PASSWORD = 8;
    /** BCrypt reads at most 72 bytes; longer passwords are refused rather than silently truncated. */
    public static final int MAX_PASSWORD_BYTES = 72;

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{" + MIN_USERNAME + "," + MAX_USERNAME + "}");
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9_.-]{1," + MAX_USERNAME + "}");

    private UsernamePolicy() {
    }

    public static boolean isValidUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    /** @throws ApiException invalid_request naming the broken rule */
    public static void checkRegistration(Credentials credentials) {
        if (credentials == null) {
            throw ApiException.invalid("body must be {\"username\", \"password\"}");
        }
        if (!isValidUsername(credentials.username())) {
            throw ApiException.invalid("username must be " + MIN_USERNAME + " to " + MAX_USERNAME
                    + " characters of a-z, 0-9, _ . -");
        }
        String password = credentials.password();
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            throw ApiException.invalid("password must be at least " + MIN_PASSWORD + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiException.invalid("password must be at most " + MAX_PASSWORD_BYTES + " bytes");
        }
    }

    /** A search prefix, lowercased; @throws ApiException invalid_request when it cannot match any username */
    public static String normalizePrefix(String prefix) {
        String normalized = prefix == null ? "" : prefix.strip().toLowerCase(java.util.Locale.ROOT);
        if (!PREFIX.matcher(normalized).matches()) {
            throw ApiException.invalid("prefix must be 1 to " + MAX_USERNAME + " characters of a-z, 0-9, _ . -");
        }
        return normalized;
    }
}
