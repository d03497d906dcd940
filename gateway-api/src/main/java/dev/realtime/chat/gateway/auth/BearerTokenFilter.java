package dev.realtime.chat.gateway.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.realtime.chat.model.wire.ApiError;
import dev.realtime.chat.model.wire.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every {@code /api/**} request except register and login with {@code Authorization: Bearer}.
 * On success the {@link AuthenticatedUser} is the request attribute {@link #USER_ATTRIBUTE} and the request's
 * principal; controllers take it as a method parameter ({@link AuthenticatedUserArgumentResolver}). Otherwise
 * 401 {@code {"error":"unauthorized","message":...}}.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    public static final String USER_ATTRIBUTE = AuthenticatedUser.class.getName();
    static final Set<String> PUBLIC_PATHS = Set.of("/api/auth/register", "/api/auth/login");
    private static final String BEARER = "bearer ";

    private final TokenVerifier verifier;
    private final ObjectMapper objectMapper;

    public BearerTokenFilter(TokenVerifier verifier, ObjectMapper objectMapper) {
        this.verifier = verifier;
        this.objectMapper = objectMapper;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!(path.equals("/api") || path.startsWith("/api/"))) {
            return true;
        }
        return PUBLIC_PATHS.contains(stripTrailingSlash(path));
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            reject(response, "missing Authorization: Bearer token");
            return;
        }
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            reject(response, "Authorization must be a Bearer token");
            return;
        }
        AuthenticatedUser user;
        try {
            user = verifier.verify(header.substring(BEARER.length()).strip());
        } catch (InvalidTokenException e) {
            reject(response, e.getMessage());
            return;
        }
        request.setAttribute(USER_ATTRIBUTE, user);
        chain.doFilter(new AuthenticatedRequest(request, user), response);
    }

    private void reject(HttpServletResponse response, String message) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), new ApiError(ErrorCode.UNAUTHORIZED, message));
    }

    private static final class AuthenticatedRequest extends HttpServletRequestWrapper {

        private final AuthenticatedUser user;

        AuthenticatedRequest(HttpServletRequest request, AuthenticatedUser user) {
            super(request);
            this.user = user;
        }

        @Override
        public Principal getUserPrincipal() {
            return user;
        }

        @Override
        public String getRemoteUser() {
            return user.userId();
        }
    }
}
