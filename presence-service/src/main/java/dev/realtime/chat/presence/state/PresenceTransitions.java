package dev.realtime.chat.presence.state;

import dev.realtime.chat.model.wire.PresenceStatus;
import java.time.Instant;

/**
 * The presence state machine. Pure: the caller has read the current state and the user's live sessions.
 *
 * <ul>
 * <li>A user is online (or away/busy, as they set it) while at least one gateway holds a live session, and
 * offline when none does: a DISCONNECTED from one gateway while another still holds a session changes nothing.</li>
 * <li>CONNECTED makes an offline (or never seen) user online and keeps a set status (away, busy) otherwise.</li>
 * <li>STATUS sets online, away or busy; offline cannot be set, only derived.</li>
 * <li>{@code lastSeen} never goes back in time.</li>
 * </ul>
 */
public final class PresenceTransitions {

    private PresenceTransitions() {
    }

    /**
     * @param current the stored state; null for a user never seen (who counts as offline)
     * @param trigger what happened
     * @param liveElsewhere whether a gateway other than the trigger's (for DISCONNECTED, GATEWAY_GONE,
     *        SESSION_EXPIRED) or any gateway (otherwise) still holds a live session of the user
     * @return the new state; equal to {@code current} when nothing changes
     */
    public static PresenceState next(PresenceState current, PresenceTrigger trigger, boolean liveElsewhere) {
        PresenceStatus before = current == null ? PresenceStatus.OFFLINE : current.status();
        PresenceStatus after = switch (trigger.kind()) {
            case CONNECTED -> connectedStatus(before);
            case STATUS -> trigger.status() != null && trigger.status().settableByClient() ? trigger.status() : before;
            case DISCONNECTED, GATEWAY_GONE, SESSION_EXPIRED ->
                    liveElsewhere ? connectedStatus(before) : PresenceStatus.OFFLINE;
        };
        if (current != null && after == before && !touchesLastSeen(trigger, before, after)) {
            return current;
        }
        Instant lastSeen = latest(current == null ? null : current.lastSeen(), trigger.at());
        return new PresenceState(after, lastSeen);
    }

    /** Whether the status a contact sees changed (a never-seen user going offline is no change). */
    public static boolean statusChanged(PresenceState current, PresenceState next) {
        PresenceStatus before = current == null ? PresenceStatus.OFFLINE : current.status();
        return before != next.status();
    }

    private static PresenceStatus connectedStatus(PresenceStatus before) {
        return before == PresenceStatus.OFFLINE ? PresenceStatus.ONLINE : before;
    }

    /**
     * lastSeen moves with what the user does (connects, disconnects, sets a status), not with the sweeper
     * confirming that nothing changed.
     */
    private static boolean touchesLastSeen(PresenceTrigger trigger, PresenceStatus before, PresenceStatus after) {
        return switch (trigger.kind()) {
            case CONNECTED, DISCONNECTED, STATUS -> true;
            case GATEWAY_GONE, SESSION_EXPIRED -> before != after;
        };
    }

    private static Instant latest(Instant stored, Instant at) {
        if (stored == null) {
            return at;
        }
        return at.isAfter(stored) ? at : stored;
    }
}
