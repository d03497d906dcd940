package dev.realtime.chat.model.wire;

import com.fasterxml.jackson.annotation.JsonValue;

/** The stable error codes of protocol.md, shared by REST bodies and {@code /user/queue/errors}. */
public enum ErrorCode {
    INVALID_REQUEST("invalid_request", 400),
    UNAUTHORIZED("unauthorized", 401),
    FORBIDDEN("forbidden", 403),
    NOT_FOUND("not_found", 404),
    CONFLICT("conflict", 409),
    RATE_LIMITED("rate_limited", 429),
    UNAVAILABLE("unavailable", 503);

    private final String code;
    private final int httpStatus;

    ErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
