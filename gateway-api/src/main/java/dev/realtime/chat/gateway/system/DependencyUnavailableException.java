package dev.realtime.chat.gateway.system;

import dev.realtime.chat.model.wire.ErrorCode;

/** Cassandra or Redis could not answer in time (down, overloaded, breaker open). Transient: 503. */
public class DependencyUnavailableException extends ApiException {

    private final String dependency;

    public DependencyUnavailableException(String dependency, Throwable cause) {
        super(ErrorCode.UNAVAILABLE, "the service is temporarily unavailable, retry later", cause);
        this.dependency = dependency;
    }

    public String dependency() {
        return dependency;
    }
}
