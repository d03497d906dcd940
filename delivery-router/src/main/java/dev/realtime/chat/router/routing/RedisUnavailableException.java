package dev.realtime.chat.router.routing;

/** Redis cannot be used right now (no connection yet, or the circuit breaker is open). */
public class RedisUnavailableException extends RuntimeException {

    public RedisUnavailableException(String message) {
        super(message, null, false, false);
    }
}
