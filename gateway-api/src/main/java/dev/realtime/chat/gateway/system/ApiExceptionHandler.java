package dev.realtime.chat.gateway.system;

import com.datastax.oss.driver.api.core.DriverException;
import dev.realtime.chat.gateway.auth.InvalidTokenException;
import dev.realtime.chat.gateway.conversation.MembershipUnavailableException;
import dev.realtime.chat.model.wire.ApiError;
import dev.realtime.chat.model.wire.ErrorCode;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.lettuce.core.RedisException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure of a REST call becomes {@code {"error": "<code>", "message": "<safe text>"}}: a stable
 * {@link ErrorCode} and a message written here or in an {@link ApiException}, never an exception's own text.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    /** During an outage every request fails the same way: one WARN per interval, the rest at DEBUG. */
    private static final long WARN_INTERVAL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    private static final java.util.concurrent.atomic.AtomicLong lastWarn =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e) {
        if (e instanceof DependencyUnavailableException unavailable) {
            logUnavailable(unavailable.dependency(), e.getCause());
        }
        return error(e.code(), e.getMessage());
    }

    @ExceptionHandler(InvalidTokenException.class)
    ResponseEntity<ApiError> invalidToken(InvalidTokenException e) {
        return error(ErrorCode.UNAUTHORIZED, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return error(ErrorCode.INVALID_REQUEST, "the request body is missing or is not valid JSON of the expected shape");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return error(ErrorCode.INVALID_REQUEST, "missing parameter " + e.getParameterName());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
        return error(ErrorCode.INVALID_REQUEST, "invalid value of parameter " + e.getName());
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ApiError> validation(HandlerMethodValidationException e) {
        return error(ErrorCode.INVALID_REQUEST, "invalid request parameters");
    }

    @ExceptionHandler({ NoHandlerFoundException.class, NoResourceFoundException.class })
    ResponseEntity<ApiError> noRoute(Exception e) {
        return error(ErrorCode.NOT_FOUND, "no such resource");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
                .body(new ApiError(ErrorCode.INVALID_REQUEST, "method " + e.getMethod() + " is not supported here"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(new ApiError(ErrorCode.INVALID_REQUEST, "the body must be application/json"));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE)
                .body(new ApiError(ErrorCode.INVALID_REQUEST, "answers are application/json"));
    }

    @ExceptionHandler({ DriverException.class, RedisException.class, DataAccessException.class,
            CallNotPermittedException.class, TimeoutException.class, AsyncRequestTimeoutException.class,
            MembershipUnavailableException.class, RejectedExecutionException.class })
    ResponseEntity<ApiError> unavailable(Exception e) {
        logUnavailable("a dependency", e);
        return error(ErrorCode.UNAVAILABLE, "the service is temporarily unavailable, retry later");
    }

    /** Anything else, including known failures wrapped by CompletableFuture stages. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        Throwable cause = Futures.unwrap(e);
        if (cause instanceof ApiException api) {
            return api(api);
        }
        if (cause instanceof InvalidTokenException invalid) {
            return invalidToken(invalid);
        }
        if (cause instanceof DriverException || cause instanceof RedisException || cause instanceof DataAccessException
                || cause instanceof CallNotPermittedException || cause instanceof TimeoutException
                || cause instanceof MembershipUnavailableException || cause instanceof RejectedExecutionException) {
            return unavailable((Exception) cause);
        }
        log.error("unexpected failure of a REST call", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(new ApiError(ErrorCode.UNAVAILABLE, "internal error"));
    }

    static ResponseEntity<ApiError> error(ErrorCode code, String message) {
        return ResponseEntity.status(code.httpStatus()).body(new ApiError(code, message));
    }

    /** An open breaker is already known (its transition was logged): only real failures at WARN. */
    private static void logUnavailable(String dependency, Throwable cause) {
        long now = System.nanoTime();
        long last = lastWarn.get();
        boolean warn = !(cause instanceof CallNotPermittedException) && now - last >= WARN_INTERVAL_NANOS
                && lastWarn.compareAndSet(last, now);
        if (warn) {
            log.warn("{} unavailable: {} (further failures within 10 s at DEBUG)", dependency, describe(cause));
        } else {
            log.debug("{} unavailable: {}", dependency, describe(cause));
        }
    }

    private static String describe(Throwable e) {
        return e == null ? "-" : e.getClass().getSimpleName();
    }
}
