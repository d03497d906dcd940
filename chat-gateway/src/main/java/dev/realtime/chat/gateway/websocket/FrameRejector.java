package dev.realtime.chat.gateway.websocket;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * Refuses a frame with an ERROR frame (a stable code and a safe message, JSON body as on
 * {@code /user/queue/errors}); Spring closes the connection after sending an ERROR. Interceptors use it instead of
 * throwing: with ordered inbound processing ({@code preserveReceiveOrder}) a thrown exception is only logged, and
 * the client would get nothing.
 */
final class FrameRejector {

    private final Supplier<MessageChannel> clientOutboundChannel;

    FrameRejector(Supplier<MessageChannel> clientOutboundChannel) {
        this.clientOutboundChannel = clientOutboundChannel;
    }

    /** Sends the ERROR frame; the caller drops the frame (returns null from preSend). */
    void reject(StompHeaderAccessor frame, String code, String safeMessage) {
        Message<byte[]> error = errorFrame(code, safeMessage, frame.getReceipt());
        StompHeaderAccessor accessor = StompHeaderAccessor.wrap(error);
        accessor.setSessionId(frame.getSessionId());
        clientOutboundChannel.get().send(MessageBuilder.createMessage(error.getPayload(), accessor.getMessageHeaders()));
    }

    static Message<byte[]> errorFrame(String code, String safeMessage, String receipt) {
        StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.ERROR);
        accessor.setMessage(code + ": " + safeMessage);
        accessor.setContentType(MimeTypeUtils.APPLICATION_JSON);
        if (receipt != null) {
            accessor.setReceiptId(receipt);
        }
        accessor.setLeaveMutable(true);
        byte[] body = ("{\"code\":\"" + code + "\",\"message\":\"" + safeMessage.replace("\\", "/").replace("\"", "'")
                + "\",\"clientMessageId\":null}").getBytes(StandardCharsets.UTF_8);
        return MessageBuilder.createMessage(body, accessor.getMessageHeaders());
    }
}
