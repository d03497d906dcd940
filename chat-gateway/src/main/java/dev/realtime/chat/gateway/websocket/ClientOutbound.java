package dev.realtime.chat.gateway.websocket;

/** Where frames to clients go: one MESSAGE per subscription of a session to a destination. */
@FunctionalInterface
public interface ClientOutbound {

    /**
     * @param destination the client's subscription destination, e.g. {@code /user/queue/acks}
     * @return false when the session is gone or not subscribed there
     */
    boolean deliver(String sessionId, String destination, String json);
}
