package dev.realtime.chat.gateway.message;

import dev.realtime.chat.gateway.publish.PendingMessage;
import dev.realtime.chat.gateway.publish.Requester;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The sends of this gateway between their first frame and the broker's answer, by idempotency key. */
class InFlightMessages {

    private final Map<String, PendingMessage> byKey = new ConcurrentHashMap<>();

    /** Joins a send of the same key in flight here; false when there is none. */
    boolean join(String idempotencyKey, Requester requester) {
        PendingMessage existing = byKey.get(idempotencyKey);
        return existing != null && existing.join(requester);
    }

    /**
     * Registers {@code fresh}, or joins the send of the same key already in flight.
     *
     * @return true when {@code fresh} is registered (the caller goes on), false when the requester joined another
     */
    boolean claim(PendingMessage fresh, Requester requester) {
        while (true) {
            PendingMessage existing = byKey.putIfAbsent(fresh.idempotencyKey(), fresh);
            if (existing == null) {
                return true;
            }
            if (existing.join(requester)) {
                return false;
            }
            byKey.remove(fresh.idempotencyKey(), existing); // finished meanwhile: take its place
        }
    }

    void remove(PendingMessage pending) {
        byKey.remove(pending.idempotencyKey(), pending);
    }

    int size() {
        return byKey.size();
    }
}
