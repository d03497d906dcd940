package dev.realtime.chat.gateway.websocket;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;

/** Told when a STOMP session has been CONNECTED (after the CONNECTED frame was queued) and when it closed. */
public interface StompSessionListener {

    default void connected(AuthenticatedUser user, String sessionId) {
    }

    /** @param user null when the connection closed before a successful CONNECT */
    default void closed(AuthenticatedUser user, String sessionId) {
    }
}
