package dev.realtime.chat.presence.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.PresenceUpdate;
import dev.realtime.chat.model.wire.PresenceStatus;
import dev.realtime.chat.presence.state.PresenceTrigger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PresenceUpdateDecoderTests {

    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    private final PresenceUpdateDecoder decoder = new PresenceUpdateDecoder();

    private PresenceTrigger decode(PresenceUpdate update) {
        return decoder.decode(JsonCodec.toBytes(update), NOW);
    }

    @Test
    void turnsGatewayReportsIntoTriggers() {
        Instant at = NOW.minusSeconds(3);

        assertThat(decode(new PresenceUpdate("alice", "gw-1", PresenceUpdate.Kind.CONNECTED, PresenceStatus.ONLINE,
                at))).isEqualTo(new PresenceTrigger(PresenceTrigger.Kind.CONNECTED, "alice", "gw-1", null, at));
        assertThat(decode(new PresenceUpdate("alice", "gw-1", PresenceUpdate.Kind.DISCONNECTED,
                PresenceStatus.OFFLINE, at)).kind()).isEqualTo(PresenceTrigger.Kind.DISCONNECTED);
        assertThat(decode(new PresenceUpdate("alice", "gw-1", PresenceUpdate.Kind.STATUS, PresenceStatus.BUSY, null)))
                .isEqualTo(new PresenceTrigger(PresenceTrigger.Kind.STATUS, "alice", "gw-1", PresenceStatus.BUSY,
                        NOW));
    }

    @Test
    void rejectsWhatCanNeverBeApplied() {
        assertThatThrownBy(() -> decoder.decode("nope".getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(PresenceUpdateDecoder.InvalidUpdateException.class);
        assertThatThrownBy(() -> decode(new PresenceUpdate(" ", "gw-1", PresenceUpdate.Kind.CONNECTED, null, NOW)))
                .isInstanceOf(PresenceUpdateDecoder.InvalidUpdateException.class);
        assertThatThrownBy(() -> decode(new PresenceUpdate("alice", null, PresenceUpdate.Kind.DISCONNECTED, null,
                NOW))).isInstanceOf(PresenceUpdateDecoder.InvalidUpdateException.class);
        assertThatThrownBy(() -> decode(new PresenceUpdate("alice", "gw-1", PresenceUpdate.Kind.STATUS,
                PresenceStatus.OFFLINE, NOW))).isInstanceOf(PresenceUpdateDecoder.InvalidUpdateException.class);
        assertThatThrownBy(() -> decoder.decode("{\"userId\":\"a\",\"kind\":\"EXPLODED\"}"
                .getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(PresenceUpdateDecoder.InvalidUpdateException.class);
    }
}
