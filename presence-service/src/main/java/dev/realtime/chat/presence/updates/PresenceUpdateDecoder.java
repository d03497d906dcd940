package dev.realtime.chat.presence.updates;

import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.PresenceUpdate;
import dev.realtime.chat.presence.state.PresenceTrigger;
import java.time.Instant;

/** A {@link PresenceUpdate} body to a {@link PresenceTrigger}; anything unusable is poison. Pure. */
public final class PresenceUpdateDecoder {

    /** A body that can never be applied: rejected, never retried. */
    public static final class InvalidUpdateException extends RuntimeException {

        InvalidUpdateException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public PresenceTrigger decode(byte[] body, Instant now) {
        PresenceUpdate update;
        try {
            update = JsonCodec.fromBytes(body, PresenceUpdate.class);
        } catch (JsonCodec.MalformedPayloadException e) {
            throw new InvalidUpdateException("malformed presence update", e);
        }
        if (update == null || blank(update.userId()) || update.kind() == null) {
            throw new InvalidUpdateException("presence update without user or kind", null);
        }
        Instant at = update.at() != null ? update.at() : now;
        return switch (update.kind()) {
            case CONNECTED, DISCONNECTED -> {
                if (blank(update.gatewayId())) {
                    throw new InvalidUpdateException("connect/disconnect without gateway", null);
                }
                yield new PresenceTrigger(update.kind() == PresenceUpdate.Kind.CONNECTED
                        ? PresenceTrigger.Kind.CONNECTED : PresenceTrigger.Kind.DISCONNECTED, update.userId(),
                        update.gatewayId(), null, at);
            }
            case STATUS -> {
                if (update.status() == null || !update.status().settableByClient()) {
                    throw new InvalidUpdateException("status must be online, away or busy", null);
                }
                yield new PresenceTrigger(PresenceTrigger.Kind.STATUS, update.userId(), update.gatewayId(),
                        update.status(), at);
            }
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
