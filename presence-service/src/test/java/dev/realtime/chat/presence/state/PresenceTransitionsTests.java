package dev.realtime.chat.presence.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.model.wire.PresenceStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PresenceTransitionsTests {

    private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    private static PresenceTrigger trigger(PresenceTrigger.Kind kind, PresenceStatus status, Instant at) {
        return new PresenceTrigger(kind, "alice", "gw-1", status, at);
    }

    @Test
    void aNeverSeenUserWhoConnectsIsOnline() {
        PresenceState next = PresenceTransitions.next(null, trigger(PresenceTrigger.Kind.CONNECTED, null, T0), true);

        assertThat(next).isEqualTo(new PresenceState(PresenceStatus.ONLINE, T0));
        assertThat(PresenceTransitions.statusChanged(null, next)).isTrue();
    }

    @Test
    void connectingAnotherDeviceKeepsTheStatusTheUserSet() {
        PresenceState away = new PresenceState(PresenceStatus.AWAY, T0);

        PresenceState next = PresenceTransitions.next(away, trigger(PresenceTrigger.Kind.CONNECTED, null, T1), true);

        assertThat(next.status()).isEqualTo(PresenceStatus.AWAY);
        assertThat(next.lastSeen()).isEqualTo(T1);
        assertThat(PresenceTransitions.statusChanged(away, next)).isFalse();
    }

    @Test
    void anOfflineUserWhoReconnectsIsOnlineAgainNotWhatTheySetBefore() {
        PresenceState offline = new PresenceState(PresenceStatus.OFFLINE, T0);

        assertThat(PresenceTransitions.next(offline, trigger(PresenceTrigger.Kind.CONNECTED, null, T1), true)
                .status()).isEqualTo(PresenceStatus.ONLINE);
    }

    @Test
    void disconnectingFromOneGatewayWhileAnotherHoldsASessionChangesNoStatus() {
        PresenceState online = new PresenceState(PresenceStatus.ONLINE, T0);

        PresenceState next = PresenceTransitions.next(online, trigger(PresenceTrigger.Kind.DISCONNECTED, null, T1),
                true);

        assertThat(next.status()).isEqualTo(PresenceStatus.ONLINE);
        assertThat(PresenceTransitions.statusChanged(online, next)).isFalse();
    }

    @Test
    void theLastDisconnectMakesTheUserOfflineSeenAtThatTime() {
        PresenceState busy = new PresenceState(PresenceStatus.BUSY, T0);

        PresenceState next = PresenceTransitions.next(busy, trigger(PresenceTrigger.Kind.DISCONNECTED, null, T1),
                false);

        assertThat(next).isEqualTo(new PresenceState(PresenceStatus.OFFLINE, T1));
        assertThat(PresenceTransitions.statusChanged(busy, next)).isTrue();
    }

    @Test
    void aStatusSetByTheUserIsTakenButOfflineCannotBeSet() {
        PresenceState online = new PresenceState(PresenceStatus.ONLINE, T0);

        PresenceState away = PresenceTransitions.next(online, trigger(PresenceTrigger.Kind.STATUS,
                PresenceStatus.AWAY, T1), true);
        PresenceState stillOnline = PresenceTransitions.next(online, trigger(PresenceTrigger.Kind.STATUS,
                PresenceStatus.OFFLINE, T1), true);

        assertThat(away).isEqualTo(new PresenceState(PresenceStatus.AWAY, T1));
        assertThat(stillOnline.status()).isEqualTo(PresenceStatus.ONLINE);
    }

    @Test
    void lastSeenNeverGoesBackInTime() {
        PresenceState online = new PresenceState(PresenceStatus.ONLINE, T1);

        PresenceState next = PresenceTransitions.next(online, trigger(PresenceTrigger.Kind.DISCONNECTED, null, T0),
                false);

        assertThat(next.lastSeen()).isEqualTo(T1);
        assertThat(next.status()).isEqualTo(PresenceStatus.OFFLINE);
    }

    @Test
    void aDeadGatewayMakesItsUsersOfflineUnlessAnotherGatewayHoldsThem() {
        PresenceState online = new PresenceState(PresenceStatus.ONLINE, T0);

        assertThat(PresenceTransitions.next(online, trigger(PresenceTrigger.Kind.GATEWAY_GONE, null, T1), false))
                .isEqualTo(new PresenceState(PresenceStatus.OFFLINE, T1));
        assertThat(PresenceTransitions.next(online, trigger(PresenceTrigger.Kind.GATEWAY_GONE, null, T1), true))
                .as("nothing changes, not even lastSeen").isSameAs(online);
        assertThat(PresenceTransitions.next(online, trigger(PresenceTrigger.Kind.SESSION_EXPIRED, null, T1), false)
                .status()).isEqualTo(PresenceStatus.OFFLINE);
    }

    @Test
    void aNeverSeenUserWhoDisconnectsIsRecordedOfflineWithoutAChange() {
        PresenceState next = PresenceTransitions.next(null, trigger(PresenceTrigger.Kind.DISCONNECTED, null, T0),
                false);

        assertThat(next).isEqualTo(new PresenceState(PresenceStatus.OFFLINE, T0));
        assertThat(PresenceTransitions.statusChanged(null, next)).isFalse();
    }
}
