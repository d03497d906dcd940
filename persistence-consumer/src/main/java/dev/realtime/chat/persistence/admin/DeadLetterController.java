package dev.realtime.chat.persistence.admin;

import dev.realtime.chat.model.wire.ApiError;
import dev.realtime.chat.model.wire.ErrorCode;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator endpoints of the persist path's dead letters (used by {@code ./chat dlq}):
 * <pre>
 * curl -s 'http://localhost:8092/admin/dead-letters?limit=20'
 * curl -s -X POST 'http://localhost:8092/admin/dead-letters/replay?limit=100'
 * </pre>
 */
@RestController
@RequestMapping("/admin/dead-letters")
class DeadLetterController {

    static final int MAX_LIMIT = 1000;
    private static final Logger log = LoggerFactory.getLogger(DeadLetterController.class);

    private final DeadLetterAdmin admin;

    DeadLetterController(DeadLetterAdmin admin) {
        this.admin = admin;
    }

    /** The first {@code limit} dead letters, oldest first; header {@code X-Dead-Letter-Count} is the queue depth. */
    @GetMapping
    ResponseEntity<?> list(@RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return badLimit();
        }
        long depth = admin.depth();
        List<DeadLetterView> views = admin.list(limit);
        return ResponseEntity.ok().header("X-Dead-Letter-Count", Long.toString(depth)).body(views);
    }

    /** Moves up to {@code limit} dead letters back to chat.persist (fresh retry budget). */
    @PostMapping("/replay")
    ResponseEntity<?> replay(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return badLimit();
        }
        return ResponseEntity.ok(admin.replay(limit));
    }

    @ExceptionHandler(AmqpException.class)
    ResponseEntity<ApiError> brokerUnavailable(AmqpException e) {
        log.warn("Dead-letter admin failed: {}", e.toString());
        return ResponseEntity.status(ErrorCode.UNAVAILABLE.httpStatus())
                .body(new ApiError(ErrorCode.UNAVAILABLE, "The message broker did not answer; try again."));
    }

    private static ResponseEntity<ApiError> badLimit() {
        return ResponseEntity.badRequest()
                .body(new ApiError(ErrorCode.INVALID_REQUEST, "limit must be between 1 and " + MAX_LIMIT));
    }
}
