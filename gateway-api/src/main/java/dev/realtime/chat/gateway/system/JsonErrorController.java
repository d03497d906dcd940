package dev.realtime.chat.gateway.system;

import dev.realtime.chat.model.wire.ApiError;
import dev.realtime.chat.model.wire.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's whitelabel/BasicErrorController: failures that never reach a controller (container errors,
 * errors raised by filters) also answer {@code {"error","message"}}, never a stack trace or exception text.
 */
@RestController
class JsonErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object attribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = attribute instanceof Integer code ? code : 500;
        ErrorCode code = switch (status) {
            case 400, 405, 406, 413, 414, 415, 431 -> ErrorCode.INVALID_REQUEST;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.CONFLICT;
            case 429 -> ErrorCode.RATE_LIMITED;
            default -> status >= 400 && status < 500 ? ErrorCode.INVALID_REQUEST : ErrorCode.UNAVAILABLE;
        };
        HttpStatus httpStatus = HttpStatus.resolve(status);
        String message = httpStatus == null ? "request failed" : httpStatus.getReasonPhrase().toLowerCase();
        return ResponseEntity.status(status).body(new ApiError(code, message));
    }
}
