package dev.realtime.chat.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.gateway.ApiIntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class ApiDocumentIntegrationTests extends ApiIntegrationTestSupport {

    @Test
    void servesTheOpenApiDocumentOfEveryRestCallWithoutAToken() {
        ResponseEntity<String> document = rest.getForEntity("/openapi.yaml", String.class);

        assertThat(document.getStatusCode().value()).isEqualTo(200);
        assertThat(document.getBody()).contains("openapi: 3.0.3", "/api/auth/register", "/api/auth/login",
                "/api/users", "/api/conversations/{id}/members/{userId}", "/api/conversations/{id}/messages",
                "/api/presence");
    }
}
