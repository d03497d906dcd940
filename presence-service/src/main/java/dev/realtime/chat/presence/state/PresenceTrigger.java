package dev.realtime.chat.presence.state;

import dev.realtime.chat.model.wire.PresenceStatus;
import java.time.Instant;

/**
 * Why a user's presence is re-evaluated: a gateway's report, or the sweeper.
 *
 * @param gatewayId the reporting gateway, or the swept one; null for a plain recheck
 * @param status the status asked for (STATUS only)
 * @param at when it happened
 */
public record PresenceTrigger(Kind kind, String userId, String gatewayId, PresenceStatus status, Instant at) {

    public enum Kind {
        /** The user's first session on {@code gatewayId} opened. */
        CONNECTED,
        /** The user's last session on {@code gatewayId} closed. */
        DISCONNECTED,
        /** The user set a status. */
        STATUS,
        /** {@code gatewayId} died: its session entry of the user is gone. */
        GATEWAY_GONE,
        /** The user's session entry on {@code gatewayId} expired (the gateway stopped refreshing it). */
        SESSION_EXPIRED;

        /** Bounded metric tag value. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
