package dev.realtime.chat.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.gateway.ApiClient;
import dev.realtime.chat.gateway.ApiIntegrationTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

class AuthIntegrationTests extends ApiIntegrationTestSupport {

    @Autowired
    private TokenVerifier verifier;

    @Test
    void registersThenLogsInWithATokenTheApiAccepts() {
        ApiClient api = api();
        String username = api.uniqueName("alice");

        ApiClient.Response registered = api.post("/api/auth/register", null,
                Map.of("username", username, "password", "correct horse")).expect(201);
        ApiClient.Response login = api.post("/api/auth/login", null,
                Map.of("username", username, "password", "correct horse")).expect(200);

        assertThat(registered.text("username")).isEqualTo(username);
        assertThat(registered.text("userId")).isNotBlank();
        assertThat(login.text("userId")).isEqualTo(registered.text("userId"));
        Instant expiresAt = Instant.parse(login.text("expiresAt"));
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofHours(11)), Instant.now().plus(Duration.ofHours(13)));
        AuthenticatedUser user = verifier.verify(login.text("token"));
        assertThat(user.userId()).isEqualTo(registered.text("userId"));
        assertThat(user.username()).isEqualTo(username);
        api.get("/api/conversations", login.text("token")).expect(200);
    }

    @Test
    void aTakenUsernameIs409() {
        ApiClient api = api();
        String username = api.uniqueName("bob");
        api.post("/api/auth/register", null, Map.of("username", username, "password", "password-1")).expect(201);

        api.post("/api/auth/register", null, Map.of("username", username, "password", "password-2"))
                .expectError(409, "conflict");
        // The first account is intact.
        api.post("/api/auth/login", null, Map.of("username", username, "password", "password-1")).expect(200);
        api.post("/api/auth/login", null, Map.of("username", username, "password", "password-2"))
                .expectError(401, "unauthorized");
    }

    @Test
    void concurrentRegistrationsOfOneNameHaveExactlyOneWinner() {
        ApiClient api = api();
        String username = api.uniqueName("race");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Integer> statuses = IntStream.range(0, 6)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> api.post("/api/auth/register", null,
                            Map.of("username", username, "password", "password-" + i)).status(), pool))
                    .toList().stream().map(CompletableFuture::join).toList();

            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        } finally {
            pool.shutdown();
        }
        List<String> found = api.get("/api/users?prefix=" + username, api.newUser("searcher").token()).body()
                .findValuesAsText("username");
        assertThat(found).containsExactly(username);
    }

    @Test
    void invalidRegistrationsAre400() {
        ApiClient api = api();
        api.post("/api/auth/register", null, Map.of("username", "ab", "password", "password-1"))
                .expectError(400, "invalid_request");
        api.post("/api/auth/register", null, Map.of("username", "Not Valid!", "password", "password-1"))
                .expectError(400, "invalid_request");
        api.post("/api/auth/register", null, Map.of("username", api.uniqueName("short"), "password", "1234567"))
                .expectError(400, "invalid_request");
        api.post("/api/auth/register", null, Map.of("username", api.uniqueName("nopass")))
                .expectError(400, "invalid_request");
        api.post("/api/auth/register", null, "{\"username\": \"broken\"").expectError(400, "invalid_request");
        api.post("/api/auth/register", null, "[1,2]").expectError(400, "invalid_request");
    }

    @Test
    void wrongPasswordsAndUnknownUsersAre401() {
        ApiClient api = api();
        ApiClient.User user = api.newUser("carol");

        api.post("/api/auth/login", null, Map.of("username", user.username(), "password", "wrong-password"))
                .expectError(401, "unauthorized");
        api.post("/api/auth/login", null, Map.of("username", api.uniqueName("nobody"), "password", "password-1"))
                .expectError(401, "unauthorized");
        api.post("/api/auth/login", null, Map.of("username", "x", "password", "password-1"))
                .expectError(401, "unauthorized");
    }

    @Test
    void everyOtherCallNeedsAValidBearerToken() {
        ApiClient api = api();
        api.get("/api/conversations", null).expectError(401, "unauthorized");
        api.get("/api/conversations", "not-a-token").expectError(401, "unauthorized");
        api.get("/api/users?prefix=a", null).expectError(401, "unauthorized");
        api.get("/api/presence?userIds=a", null).expectError(401, "unauthorized");
        api.post("/api/conversations", null, Map.of("type", "group", "name", "x")).expectError(401, "unauthorized");
        api.get("/api/conversations/123/messages", null).expectError(401, "unauthorized");
        api.get("/api/no-such-route", null).expectError(401, "unauthorized");
    }

    @Test
    void findsUsersByPrefixInNameOrder() {
        ApiClient api = api();
        String stem = "pfx" + Long.toString(System.nanoTime(), 36);
        ApiClient.User b = api.newUser(stem + "b");
        ApiClient.User a = api.newUser(stem + "a");
        api.newUser("other" + stem);

        ApiClient.Response found = api.get("/api/users?prefix=" + stem.toUpperCase(), a.token()).expect(200);

        assertThat(found.body().findValuesAsText("username")).containsExactly(a.username(), b.username());
        assertThat(found.body().findValuesAsText("userId")).containsExactly(a.userId(), b.userId());
        api.get("/api/users?prefix=", a.token()).expectError(400, "invalid_request");
        api.get("/api/users", a.token()).expectError(400, "invalid_request");
    }

    @Test
    void failuresAnswerTheErrorShapeAndNeverExceptionText() {
        ApiClient api = api();
        ApiClient.User user = api.newUser("dave");

        api.get("/api/no-such-route", user.token()).expectError(404, "not_found");
        api.get("/nothing-here", null).expectError(404, "not_found");
        api.post("/api/conversations", user.token(), "{not json").expectError(400, "invalid_request");
        api.post("/api/conversations", user.token(), Map.of("type", "triangle")).expectError(400, "invalid_request");
        api.call(HttpMethod.PUT, "/api/conversations", user.token(), Map.of()).expect(405);
        assertThat(api.call(HttpMethod.PUT, "/api/conversations", user.token(), Map.of()).text("error"))
                .isEqualTo("invalid_request");
    }
}
