package dev.realtime.chat.gateway.presence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.gateway.ApiClient;
import dev.realtime.chat.gateway.ApiClient.User;
import dev.realtime.chat.gateway.ApiIntegrationTestSupport;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PresenceIntegrationTests extends ApiIntegrationTestSupport {

    @Test
    void readsPresenceFromRedisAndUnknownUsersAreOffline() {
        ApiClient api = api();
        User alice = api.newUser("alice");
        User bob = api.newUser("bob");
        Instant seen = Instant.parse("2026-03-01T12:00:00Z");
        seeds().presence(bob.userId(), "busy", seen);

        JsonNode answer = api.get("/api/presence?userIds=" + bob.userId() + ",nobody", alice.token()).expect(200).body();

        assertThat(answer).hasSize(2);
        assertThat(answer.get(0).get("userId").asText()).isEqualTo(bob.userId());
        assertThat(answer.get(0).get("status").asText()).isEqualTo("busy");
        assertThat(Instant.parse(answer.get(0).get("lastSeen").asText())).isEqualTo(seen);
        assertThat(answer.get(1).get("userId").asText()).isEqualTo("nobody");
        assertThat(answer.get(1).get("status").asText()).isEqualTo("offline");
        assertThat(answer.get(1).get("lastSeen").isNull()).isTrue();
        api.get("/api/presence?userIds=", alice.token()).expectError(400, "invalid_request");
        api.get("/api/presence", alice.token()).expectError(400, "invalid_request");
    }
}
