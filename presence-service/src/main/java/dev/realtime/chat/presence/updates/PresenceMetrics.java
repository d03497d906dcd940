package dev.realtime.chat.presence.updates;

import dev.realtime.chat.model.wire.PresenceStatus;
import dev.realtime.chat.presence.state.PresenceTrigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code chat.presence.updates{kind}} (gateway reports and sweeper findings, and {@code kind=poison}),
 * {@code chat.presence.changes{status}} (status changes sent to contacts), {@code chat.presence.events.skipped}
 * (changes whose contacts could not be read), {@code chat.presence.retries}.
 */
public final class PresenceMetrics {

    private final MeterRegistry registry;
    private final Counter skipped;
    private final Counter retries;

    public PresenceMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.skipped = Counter.builder("chat.presence.events.skipped")
                .description("presence changes not sent because the contacts could not be read").register(registry);
        this.retries = Counter.builder("chat.presence.retries")
                .description("presence steps tried again after a Redis or broker failure").register(registry);
        for (PresenceTrigger.Kind kind : PresenceTrigger.Kind.values()) {
            updates(kind.tag());
        }
        updates("poison");
        for (PresenceStatus status : PresenceStatus.values()) {
            changes(status);
        }
    }

    private Counter updates(String kind) {
        return Counter.builder("chat.presence.updates").tag("kind", kind)
                .description("presence updates processed").register(registry);
    }

    private Counter changes(PresenceStatus status) {
        return Counter.builder("chat.presence.changes").tag("status", status.wireName())
                .description("presence status changes").register(registry);
    }

    public void update(PresenceTrigger.Kind kind) {
        updates(kind.tag()).increment();
    }

    public void poison() {
        updates("poison").increment();
    }

    public void changed(PresenceStatus status) {
        changes(status).increment();
    }

    public void skipped() {
        skipped.increment();
    }

    public void retried() {
        retries.increment();
    }
}
