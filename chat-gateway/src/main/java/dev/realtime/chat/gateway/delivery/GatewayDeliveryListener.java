package dev.realtime.chat.gateway.delivery;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.realtime.chat.gateway.session.LocalSessions;
import dev.realtime.chat.gateway.session.SessionMessenger;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.envelope.DeliveryItem;
import dev.realtime.chat.model.envelope.GatewayDelivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageListener;

/**
 * Local delivery: each {@link GatewayDelivery} from this gateway's queue carries items of pre-serialised JSON;
 * each item's bytes go as they are to every local session of each recipient on {@code /user<destination>}.
 * Recipients without a session here are skipped. {@code chat.messages.delivered} counts message deliveries to
 * users; {@code chat.delivery.latency} is now minus the message's {@code sentAt}.
 */
class GatewayDeliveryListener implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(GatewayDeliveryListener.class);

    private final LocalSessions sessions;
    private final SessionMessenger messenger;
    private final Counter delivered;
    private final Counter malformed;
    private final Timer latency;

    GatewayDeliveryListener(LocalSessions sessions, SessionMessenger messenger, MeterRegistry registry) {
        this.sessions = sessions;
        this.messenger = messenger;
        this.delivered = Counter.builder("chat.messages.delivered").description("messages sent to local users")
                .register(registry);
        this.malformed = Counter.builder("chat.deliveries.malformed").register(registry);
        this.latency = Timer.builder("chat.delivery.latency").description("sentAt to local delivery")
                .publishPercentiles(0.5, 0.95, 0.99).register(registry);
    }

    @Override
    public void onMessage(Message message) {
        GatewayDelivery delivery;
        try {
            delivery = JsonCodec.fromBytes(message.getBody(), GatewayDelivery.class);
        } catch (JsonCodec.MalformedPayloadException e) {
            malformed.increment();
            log.warn("Dropped a malformed GatewayDelivery ({} bytes)", message.getBody().length);
            return; // a transient hop: nothing to retry, nothing to dead-letter
        }
        if (delivery.items() == null) {
            return;
        }
        for (DeliveryItem item : delivery.items()) {
            deliver(item);
        }
    }

    private void deliver(DeliveryItem item) {
        if (item == null || item.payloadJson() == null || item.recipientIds() == null
                || !(DeliveryItem.MESSAGES.equals(item.destination()) || DeliveryItem.EVENTS.equals(item.destination()))) {
            malformed.increment();
            return;
        }
        String payload = item.payloadJson();
        int users = 0;
        for (String recipient : item.recipientIds()) {
            if (recipient != null && sessions.hasUser(recipient)) {
                if (messenger.toUserJson(recipient, item.destination(), payload) > 0) {
                    users++;
                }
            }
        }
        if (users > 0 && DeliveryItem.MESSAGES.equals(item.destination())) {
            delivered.increment(users);
            Instant sentAt = sentAt(item.payloadJson());
            if (sentAt != null) {
                latency.record(Math.max(0, Duration.between(sentAt, Instant.now()).toNanos()), TimeUnit.NANOSECONDS);
            }
        }
    }

    /** The top-level {@code sentAt} of a Message JSON, read with the streaming parser (no full decode). */
    static Instant sentAt(String json) {
        try (JsonParser parser = JsonCodec.mapper().getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("sentAt".equals(field) && value == JsonToken.VALUE_STRING) {
                    return Instant.parse(parser.getText());
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | DateTimeParseException e) {
            return null;
        }
    }
}
