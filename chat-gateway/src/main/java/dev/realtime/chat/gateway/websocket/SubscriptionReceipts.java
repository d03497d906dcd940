package dev.realtime.chat.gateway.websocket;

import java.util.function.Supplier;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.user.UserDestinationMessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;

/**
 * RECEIPT frames for SUBSCRIBE (extension: Spring's simple broker answers none). The receipt goes out after the
 * user destination handler registered the subscription with the broker, so a client that waits for it cannot
 * miss anything sent to it afterwards.
 */
class SubscriptionReceipts implements ExecutorChannelInterceptor {

    private final Supplier<MessageChannel> clientOutboundChannel;

    SubscriptionReceipts(Supplier<MessageChannel> clientOutboundChannel) {
        this.clientOutboundChannel = clientOutboundChannel;
    }

    @Override
    public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
        if (ex != null || !(handler instanceof UserDestinationMessageHandler)) {
            return;
        }
        StompHeaderAccessor accessor = StompHeaderAccessor.wrap(message);
        if (accessor.getCommand() != StompCommand.SUBSCRIBE || accessor.getReceipt() == null) {
            return;
        }
        StompHeaderAccessor receipt = StompHeaderAccessor.create(StompCommand.RECEIPT);
        receipt.setReceiptId(accessor.getReceipt());
        receipt.setSessionId(accessor.getSessionId());
        clientOutboundChannel.get().send(MessageBuilder.createMessage(new byte[0], receipt.getMessageHeaders()));
    }
}
