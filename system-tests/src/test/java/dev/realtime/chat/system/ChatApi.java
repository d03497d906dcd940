package dev.realtime.chat.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The REST half of protocol.md, as a client calls it. */
final class ChatApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record User(String userId, String username, String token) {
    }

    record Response(int status, JsonNode body) {
    }

    private ChatApi() {
    }

    static User account(String baseUrl, String username) {
        String password = "correct horse battery";
        Response registered = call(baseUrl, "POST", "/api/auth/register", Map.of("username", username, "password", password), null);
        if (registered.status() != 201) {
            throw new IllegalStateException("register " + username + ": " + registered);
        }
        Response login = call(baseUrl, "POST", "/api/auth/login", Map.of("username", username, "password", password), null);
        if (login.status() != 200) {
            throw new IllegalStateException("login " + username + ": " + login);
        }
        return new User(login.body().path("userId").asText(), username, login.body().path("token").asText());
    }

    static String direct(String baseUrl, User caller, User other) {
        return created(call(baseUrl, "POST", "/api/conversations",
                Map.of("type", "direct", "memberIds", List.of(other.userId())), caller.token()));
    }

    static String group(String baseUrl, User caller, String name, List<User> others) {
        return created(call(baseUrl, "POST", "/api/conversations",
                Map.of("type", "group", "name", name, "memberIds", others.stream().map(User::userId).toList()),
                caller.token()));
    }

    /** {@code GET /api/conversations/{id}/messages?afterSeq=} until hasMore is false: every message after seq. */
    static List<JsonNode> messagesAfter(String baseUrl, User caller, String conversationId, long afterSeq) {
        List<JsonNode> all = new java.util.ArrayList<>();
        long after = afterSeq;
        while (true) {
            Response page = call(baseUrl, "GET", "/api/conversations/" + conversationId + "/messages?afterSeq=" + after
                    + "&limit=500", null, caller.token());
            if (page.status() != 200) {
                throw new IllegalStateException("sync: " + page);
            }
            page.body().path("messages").forEach(all::add);
            if (!page.body().path("hasMore").asBoolean() || all.isEmpty()) {
                return all;
            }
            after = all.get(all.size() - 1).path("seq").asLong();
        }
    }

    static Response call(String baseUrl, String method, String path, Object body, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String created(Response response) {
        if (response.status() != 201 && response.status() != 200) {
            throw new IllegalStateException("create conversation: " + response);
        }
        return response.body().path("id").asText();
    }
}
