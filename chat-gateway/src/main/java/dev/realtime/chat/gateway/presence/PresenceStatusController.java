package dev.realtime.chat.gateway.presence;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import dev.realtime.chat.gateway.session.SessionMessenger;
import dev.realtime.chat.gateway.websocket.FrameBodies;
import dev.realtime.chat.gateway.websocket.InvalidFrameException;
import dev.realtime.chat.model.wire.ErrorCode;
import dev.realtime.chat.model.wire.PresenceStatus;
import dev.realtime.chat.gateway.websocket.AppDestination;
import org.springframework.stereotype.Component;

/** {@code /app/presence.status} {@code {"status":"online"|"away"|"busy"}}; anything else is invalid_request. */
@Component
class PresenceStatusController implements AppDestination {

    private final PresenceUpdatePublisher presence;
    private final SessionMessenger messenger;

    PresenceStatusController(PresenceUpdatePublisher presence, SessionMessenger messenger) {
        this.presence = presence;
        this.messenger = messenger;
    }

    @Override
    public String name() {
        return "presence.status";
    }

    @Override
    public void handle(AuthenticatedUser user, String sessionId, byte[] body) {
        PresenceStatus status;
        try {
            status = parse(body);
        } catch (InvalidFrameException e) {
            messenger.error(sessionId, ErrorCode.INVALID_REQUEST, e.getMessage(), null);
            return;
        }
        presence.status(user.userId(), status);
    }

    static PresenceStatus parse(byte[] body) {
        String value = FrameBodies.text(FrameBodies.readObject(body), "status", null);
        for (PresenceStatus status : PresenceStatus.values()) {
            if (status.settableByClient() && status.wireName().equals(value)) {
                return status;
            }
        }
        throw new InvalidFrameException("status must be online, away or busy", null);
    }
}
