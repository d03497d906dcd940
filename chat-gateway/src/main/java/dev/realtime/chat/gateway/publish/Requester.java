package dev.realtime.chat.gateway.publish;

/** A session waiting for the outcome (ack or error) of a send. */
public record Requester(String userId, String sessionId) {
}
