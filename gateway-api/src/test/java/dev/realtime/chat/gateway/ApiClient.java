package dev.realtime.chat.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.realtime.chat.model.codec.JsonCodec;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Real HTTP calls to the running app, with JSON answers as trees. */
public final class ApiClient {

    private static final AtomicInteger USERS = new AtomicInteger();

    private final TestRestTemplate rest;
    private final String runId;

    public ApiClient(TestRestTemplate rest, String runId) {
        this.rest = rest;
        this.runId = runId;
    }

    public record Response(int status, JsonNode body, String raw) {

        public Response expect(int expected) {
            assertThat(status).as("status of a call answering %s", raw).isEqualTo(expected);
            return this;
        }

        /** Asserts the protocol's error shape: exactly {"error","message"}, the code given. */
        public Response expectError(int expected, String code) {
            expect(expected);
            assertThat(body.get("error").asText()).isEqualTo(code);
            assertThat(body.get("message").isTextual()).isTrue();
            List<String> fields = new java.util.ArrayList<>();
            Iterator<String> names = body.fieldNames();
            names.forEachRemaining(fields::add);
            assertThat(fields).containsExactlyInAnyOrder("error", "message");
            assertThat(raw).doesNotContain("Exception").doesNotContain("\tat ");
            return this;
        }

        public String text(String field) {
            return body.get(field).asText();
        }
    }

    public record User(String userId, String username, String token) {
    }

    public Response call(HttpMethod method, String path, String token, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        if (token != null) {
            headers.setBearerAuth(token);
        }
        String json = body == null ? null : body instanceof String raw ? raw : JsonCodec.toJson(body);
        ResponseEntity<String> response = rest.exchange(path, method, new HttpEntity<>(json, headers), String.class);
        String raw = response.getBody() == null ? "" : response.getBody();
        JsonNode tree = raw.isEmpty() ? null : read(raw);
        return new Response(response.getStatusCode().value(), tree, raw);
    }

    private static JsonNode read(String raw) {
        try {
            return JsonCodec.mapper().readTree(raw);
        } catch (Exception e) {
            throw new AssertionError("answer is not JSON: " + raw, e);
        }
    }

    public Response get(String path, String token) {
        return call(HttpMethod.GET, path, token, null);
    }

    public Response post(String path, String token, Object body) {
        return call(HttpMethod.POST, path, token, body);
    }

    public Response delete(String path, String token) {
        return call(HttpMethod.DELETE, path, token, null);
    }

    /** A username unique to this run. */
    public String uniqueName(String stem) {
        return (stem + "." + runId + "." + USERS.incrementAndGet()).toLowerCase();
    }

    public User newUser(String stem) {
        String username = uniqueName(stem);
        Response registered = post("/api/auth/register", null, Map.of("username", username, "password", "password-1"))
                .expect(201);
        Response login = post("/api/auth/login", null, Map.of("username", username, "password", "password-1"))
                .expect(200);
        assertThat(login.text("userId")).isEqualTo(registered.text("userId"));
        return new User(registered.text("userId"), username, login.text("token"));
    }

    public String createGroup(User creator, String name, List<String> memberIds) {
        return post("/api/conversations", creator.token(),
                Map.of("type", "group", "name", name, "memberIds", memberIds)).expect(201).text("id");
    }

    public String createDirect(User creator, User other) {
        return post("/api/conversations", creator.token(), Map.of("type", "direct", "memberIds", List.of(other.userId())))
                .expect(201).text("id");
    }
}
