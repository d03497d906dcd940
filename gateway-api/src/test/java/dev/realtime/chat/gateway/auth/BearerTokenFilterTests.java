package dev.realtime.chat.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.model.codec.JsonCodec;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class BearerTokenFilterTests {

    private final JwtTokenService tokens = new JwtTokenService(
            new AuthProperties("0123456789abcdef0123456789abcdef-test", false, Duration.ofHours(1), 4),
            Clock.systemUTC());
    private final BearerTokenFilter filter = new BearerTokenFilter(tokens, JsonCodec.mapper());

    @Test
    void answers401JsonWithoutAToken() throws Exception {
        MockHttpServletResponse response = run(new MockHttpServletRequest("GET", "/api/conversations"));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString())
                .isEqualTo("{\"error\":\"unauthorized\",\"message\":\"missing Authorization: Bearer token\"}");
    }

    @Test
    void answers401ForAnInvalidToken() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/conversations");
        request.addHeader("Authorization", "Bearer abc.def.ghi");

        MockHttpServletResponse response = run(request);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).contains("\"error\":\"unauthorized\"");
    }

    @Test
    void answers401ForAnotherScheme() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/users");
        request.addHeader("Authorization", "Basic YWxpY2U6c2VjcmV0");

        assertThat(run(request).getStatus()).isEqualTo(401);
    }

    @Test
    void passesTheAuthenticatedUserToTheRequest() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/conversations");
        request.addHeader("Authorization", "bearer " + tokens.issue("42", "alice").token());
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        AuthenticatedUser user = (AuthenticatedUser) request.getAttribute(BearerTokenFilter.USER_ATTRIBUTE);
        assertThat(user.userId()).isEqualTo("42");
        assertThat(chain.getRequest()).isNotNull();
        assertThat(((jakarta.servlet.http.HttpServletRequest) chain.getRequest()).getUserPrincipal().getName())
                .isEqualTo("42");
    }

    @Test
    void letsRegisterAndLoginThroughWithoutAToken() throws Exception {
        for (String path : new String[] { "/api/auth/register", "/api/auth/login" }) {
            MockFilterChain chain = new MockFilterChain();
            filter.doFilter(new MockHttpServletRequest("POST", path), new MockHttpServletResponse(), chain);
            assertThat(chain.getRequest()).as(path).isNotNull();
        }
    }

    @Test
    void doesNotTouchPathsOutsideTheApi() throws Exception {
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(new MockHttpServletRequest("GET", "/ws"), new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isNotNull();
    }

    private MockHttpServletResponse run(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        assertThat(chain.getRequest()).as("chain must not continue").isNull();
        return response;
    }
}
