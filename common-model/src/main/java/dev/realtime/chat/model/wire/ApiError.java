package dev.realtime.chat.model.wire;

/** REST error body: {@code {"error": "<code>", "message": "<safe text>"}}. */
public record ApiError(ErrorCode error, String message) {
}
