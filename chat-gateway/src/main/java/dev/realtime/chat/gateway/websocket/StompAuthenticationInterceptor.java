package dev.realtime.chat.gateway.websocket;

import dev.realtime.chat.gateway.auth.AuthenticatedUser;
import dev.realtime.chat.gateway.auth.InvalidTokenException;
import dev.realtime.chat.gateway.auth.TokenVerifier;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Authenticates STOMP CONNECT: {@code Authorization: Bearer <token>} as a STOMP header, or the token as
 * {@code passcode}. A bad, missing or expired token fails the CONNECT: the client gets an ERROR frame
 * ({@link SafeStompErrorHandler}) and the connection closes. The verified {@link AuthenticatedUser} becomes the
 * session's principal, so every later frame's sender is the token's user, never something in a payload.
 */
class StompAuthenticationInterceptor implements ChannelInterceptor {

    static final String AUTHORIZATION = "Authorization";
    private static final String BEARER = "Bearer ";

    private final TokenVerifier tokenVerifier;
    private final FrameRejector rejector;

    StompAuthenticationInterceptor(TokenVerifier tokenVerifier, FrameRejector rejector) {
        this.tokenVerifier = tokenVerifier;
        this.rejector = rejector;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null || accessor.getCommand() != StompCommand.CONNECT
                && accessor.getCommand() != StompCommand.STOMP) {
            return message;
        }
        try {
            String token;
            try {
                token = token(accessor);
            } finally {
                // The token never travels further, and never reaches a log line.
                accessor.removeNativeHeader(AUTHORIZATION);
                accessor.removeNativeHeader("authorization");
            }
            AuthenticatedUser user = tokenVerifier.verify(token);
            accessor.setUser(user);
            return message;
        } catch (InvalidTokenException e) {
            rejector.reject(accessor, "unauthorized", e.getMessage());
            return null;
        }
    }

    static String token(StompHeaderAccessor accessor) {
        String authorization = accessor.getFirstNativeHeader(AUTHORIZATION);
        if (authorization == null) {
            authorization = accessor.getFirstNativeHeader("authorization");
        }
        if (authorization != null) {
            if (authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return authorization.substring(BEARER.length()).strip();
            }
            throw new InvalidTokenException("Authorization must be 'Bearer <token>'");
        }
        String passcode = accessor.getPasscode();
        if (passcode != null && !passcode.isBlank()) {
            return passcode.strip();
        }
        throw new InvalidTokenException("missing token");
    }
}
