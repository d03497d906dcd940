package dev.realtime.chat.model.wire;

/** Sent on {@code /user/queue/errors}; {@code clientMessageId} is null when the failed frame had none. */
public record ClientError(ErrorCode code, String message, String clientMessageId) {
}
