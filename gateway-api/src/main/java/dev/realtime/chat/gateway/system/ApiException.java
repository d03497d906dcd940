package dev.realtime.chat.gateway.system;

import dev.realtime.chat.model.wire.ErrorCode;

/**
 * A failure with a stable protocol error code and a message that is safe to show to clients. Every expected
 * failure of the REST API is one of these; {@link ApiExceptionHandler} turns it into {@code {"error","message"}}.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;

    public ApiException(ErrorCode code, String safeMessage) {
        super(safeMessage);
        this.code = code;
    }

    public ApiException(ErrorCode code, String safeMessage, Throwable cause) {
        super(safeMessage, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static ApiException invalid(String safeMessage) {
        return new ApiException(ErrorCode.INVALID_REQUEST, safeMessage);
    }

    public static ApiException notFound(String safeMessage) {
        return new ApiException(ErrorCode.NOT_FOUND, safeMessage);
    }

    public static ApiException forbidden(String safeMessage) {
        return new ApiException(ErrorCode.FORBIDDEN, safeMessage);
    }

    public static ApiException conflict(String safeMessage) {
        return new ApiException(ErrorCode.CONFLICT, safeMessage);
    }

    public static ApiException unauthorized(String safeMessage) {
        return new ApiException(ErrorCode.UNAUTHORIZED, safeMessage);
    }
}
