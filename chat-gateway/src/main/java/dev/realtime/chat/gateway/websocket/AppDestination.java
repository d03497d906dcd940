package dev.realtime.chat.gateway.websocket;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;

/**
 * A SEND destination under {@code /app/}: {@link #name()} {@code "chat.send"} takes SENDs to
 * {@code /app/chat.send}. Called on the thread that read the frame, one frame of a session at a time: it must not
 * block. The sender is the connection's authenticated user, never a payload field.
 */
public interface AppDestination {

    String name();

    void handle(AuthenticatedUser user, String sessionId, byte[] body);

    /** What a destination does with a SEND's body. */
    @FunctionalInterface
    interface Handler {
        void handle(AuthenticatedUser user, String sessionId, byte[] body);
    }

    static AppDestination of(String name, Handler handler) {
        return new AppDestination() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void handle(AuthenticatedUser user, String sessionId, byte[] body) {
                handler.handle(user, sessionId, body);
            }
        };
    }
}
