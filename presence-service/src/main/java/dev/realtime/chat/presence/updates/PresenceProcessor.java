package dev.realtime.chat.presence.updates;

import dev.realtime.chat.presence.contacts.ContactDirectory;
import dev.realtime.chat.presence.events.PresenceEventPublisher;
import dev.realtime.chat.presence.state.PresenceState;
import dev.realtime.chat.presence.state.PresenceStore;
import dev.realtime.chat.presence.state.PresenceTransitions;
import dev.realtime.chat.presence.state.PresenceTrigger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies presence triggers: per user in order (one lane per user), each as read state and live sessions ➜
 * {@link PresenceTransitions} ➜ write ➜ on a status change, one event to the user's contacts. Redis and broker
 * failures are retried (the update stays unacknowledged); contacts that cannot be read skip the event.
 */
public final class PresenceProcessor {

    private static final Logger log = LoggerFactory.getLogger(PresenceProcessor.class);
    private static final int CONTACT_ATTEMPTS = 3;

    private final PresenceStore store;
    private final ContactDirectory contacts;
    private final PresenceEventPublisher events;
    private final SerialLanes lanes;
    private final Retrier retrier;
    private final Clock clock;
    private final PresenceMetrics metrics;

    public PresenceProcessor(PresenceStore store, ContactDirectory contacts, PresenceEventPublisher events,
            SerialLanes lanes, Retrier retrier, Clock clock, PresenceMetrics metrics) {
        this.store = store;
        this.contacts = contacts;
        this.events = events;
        this.lanes = lanes;
        this.retrier = retrier;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Completes when the trigger is applied and any event confirmed by the broker. */
    public CompletableFuture<Void> apply(PresenceTrigger trigger) {
        metrics.update(trigger.kind());
        return lanes.submit(trigger.userId(), () -> retrier
                .retry("presence of a user (" + trigger.kind().tag() + ")", 0, () -> applyState(trigger))
                .thenCompose(changed -> changed == null ? CompletableFuture.completedFuture(null)
                        : notifyContacts(trigger.userId(), changed)));
    }

    /** The new state when the status changed, else null. */
    CompletableFuture<PresenceState> applyState(PresenceTrigger trigger) {
        long now = clock.millis();
        String userId = trigger.userId();
        String gatewayId = trigger.gatewayId();
        CompletableFuture<Void> before = switch (trigger.kind()) {
            case CONNECTED -> store.trackSession(gatewayId, userId, true);
            case DISCONNECTED -> store.trackSession(gatewayId, userId, false);
            case GATEWAY_GONE -> store.forgetSession(gatewayId, userId);
            case SESSION_EXPIRED -> store.expireSessions(userId, now);
            case STATUS -> CompletableFuture.completedFuture(null);
        };
        return before.thenCompose(done -> store.load(userId, now)).thenCompose(snapshot -> {
            List<String> live = new ArrayList<>(snapshot.liveGateways());
            if (trigger.kind() == PresenceTrigger.Kind.DISCONNECTED
                    || trigger.kind() == PresenceTrigger.Kind.GATEWAY_GONE) {
                // the reporting gateway may remove its entry after it reported; a dead gateway holds nothing
                live.remove(gatewayId);
            }
            CompletableFuture<Void> untrack = trigger.kind() == PresenceTrigger.Kind.SESSION_EXPIRED
                    && !live.contains(gatewayId) ? store.trackSession(gatewayId, userId, false)
                            : CompletableFuture.completedFuture(null);
            PresenceState current = snapshot.state();
            PresenceState next = PresenceTransitions.next(current, trigger, !live.isEmpty());
            if (next.equals(current)) {
                return untrack.thenApply(ignored -> null);
            }
            boolean changed = PresenceTransitions.statusChanged(current, next);
            return untrack.thenCompose(ignored -> store.save(userId, next)).thenApply(saved -> {
                if (changed) {
                    log.debug("Presence of {} is now {}", userId, next.status().wireName());
                    metrics.changed(next.status());
                }
                return changed ? next : null;
            });
        });
    }

    private CompletableFuture<Void> notifyContacts(String userId, PresenceState state) {
        return retrier.retry("contacts of a user", CONTACT_ATTEMPTS, () -> contacts.contactsOf(userId))
                .handle((found, error) -> {
                    if (error != null) {
                        metrics.skipped();
                        log.warn("Presence change of a user not sent: contacts unavailable ({})", error.toString());
                        return Set.<String>of();
                    }
                    return found;
                })
                .thenCompose(found -> found.isEmpty() ? CompletableFuture.completedFuture(null)
                        : retrier.retry("presence event", 0, () -> events.publish(userId, state, found)));
    }
}
