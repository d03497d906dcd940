package dev.realtime.chat.model.wire;

/** Body of {@code POST /api/auth/register} and {@code POST /api/auth/login}. */
public record Credentials(String username, String password) {

    /** Never print the password. */
    @Override
    public String toString() {
        return "Credentials[username=" + username + "]";
    }
}
