package dev.realtime.chat.gateway.auth;

/** Checks a bearer token (signature, expiry). Pure CPU: no I/O, safe on any thread. */
public interface TokenVerifier {

    /** @throws InvalidTokenException when the token is missing, malformed, forged or expired */
    AuthenticatedUser verify(String token);
}
