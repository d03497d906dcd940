package dev.realtime.chat.gateway.websocket;

import dev.realtime.chat.gateway.auth.InvalidTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * ERROR frames for failures Spring itself reports (an undecodable or oversized frame, ...): a stable code and a
 * safe message, never an exception's text. The interceptors answer their refusals through {@link FrameRejector}.
 */
class SafeStompErrorHandler extends StompSubProtocolErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(SafeStompErrorHandler.class);

    @Override
    public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
        String code;
        String message;
        Throwable cause = rootOf(ex);
        if (cause instanceof InvalidTokenException invalid) {
            code = "unauthorized";
            message = invalid.getMessage();
        } else {
            code = "invalid_request";
            message = "the frame could not be processed";
            log.debug("STOMP frame refused", ex);
        }
        String receipt = clientMessage != null ? StompHeaderAccessor.wrap(clientMessage).getReceipt() : null;
        return FrameRejector.errorFrame(code, message, receipt);
    }

    private static Throwable rootOf(Throwable ex) {
        Throwable current = ex;
        while (current != null) {
            if (current instanceof InvalidTokenException) {
                return current;
            }
            current = current.getCause();
        }
        return ex;
    }
}
