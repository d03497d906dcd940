package dev.realtime.chat.persistence.consume;

import com.rabbitmq.client.AMQP;
import dev.realtime.chat.model.topology.Topology;
import java.util.Map;

/** Reads {@link Topology#HEADER_RETRY_COUNT}: absent, or anything unreadable, is 0. */
public final class RetryHeaders {

    private RetryHeaders() {
    }

    public static int retryCount(AMQP.BasicProperties properties) {
        return properties == null ? 0 : retryCount(properties.getHeaders());
    }

    public static int retryCount(Map<String, Object> headers) {
        if (headers == null) {
            return 0;
        }
        Object value = headers.get(Topology.HEADER_RETRY_COUNT);
        if (value instanceof Number number) {
            return Math.max(0, number.intValue());
        }
        if (value != null) {
            try {
                return Math.max(0, Integer.parseInt(value.toString().trim()));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
