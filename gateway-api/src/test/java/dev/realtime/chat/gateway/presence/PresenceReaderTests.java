package dev.realtime.chat.gateway.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.chat.gateway.system.ApiException;
import dev.realtime.chat.model.wire.PresenceStatus;
import dev.realtime.chat.model.wire.PresenceView;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresenceReaderTests {

    @Test
    void aUserWithoutAPresenceHashIsOfflineAndNeverSeen() {
        assertThat(PresenceReader.toView("u1", Map.of())).isEqualTo(new PresenceView("u1", PresenceStatus.OFFLINE, null));
    }

    @Test
    void readsStatusAndLastSeen() {
        assertThat(PresenceReader.toView("u1", Map.of("status", "away", "lastSeen", "2026-01-01T10:00:00Z")))
                .isEqualTo(new PresenceView("u1", PresenceStatus.AWAY, Instant.parse("2026-01-01T10:00:00Z")));
    }

    @Test
    void garbageInTheHashDegradesToOfflineOrUnknownTime() {
        assertThat(PresenceReader.toView("u1", Map.of("status", "dancing", "lastSeen", "yesterday")))
                .isEqualTo(new PresenceView("u1", PresenceStatus.OFFLINE, null));
    }

    @Test
    void parsesCommaSeparatedIdsOnceEach() {
        assertThat(PresenceController.parse("a, b,,a ,c")).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> PresenceController.parse(" , ")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> PresenceController.parse(String.join(",", java.util.stream.IntStream.range(0, 201).mapToObj(i -> "u" + i).toList()))).isInstanceOf(ApiException.class);
    }
}
