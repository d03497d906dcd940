package dev.realtime.chat.persistence.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.LongString;
import com.rabbitmq.client.impl.LongStringHelper;
import dev.realtime.chat.model.topology.Topology;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryHeadersTests {

    @Test
    void readsNumbersAndStringsAndDefaultsToZero() {
        assertThat(RetryHeaders.retryCount(Map.of(Topology.HEADER_RETRY_COUNT, 3))).isEqualTo(3);
        assertThat(RetryHeaders.retryCount(Map.of(Topology.HEADER_RETRY_COUNT, 4L))).isEqualTo(4);
        LongString two = LongStringHelper.asLongString("2");
        assertThat(RetryHeaders.retryCount(Map.of(Topology.HEADER_RETRY_COUNT, two))).isEqualTo(2);
        assertThat(RetryHeaders.retryCount(Map.of(Topology.HEADER_RETRY_COUNT, "x"))).isZero();
        assertThat(RetryHeaders.retryCount(Map.of())).isZero();
        assertThat(RetryHeaders.retryCount((Map<String, Object>) null)).isZero();
    }
}
