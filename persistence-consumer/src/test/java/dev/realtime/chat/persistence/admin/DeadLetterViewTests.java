package dev.realtime.chat.persistence.admin;

import static dev.realtime.chat.persistence.Messages.batch;
import static dev.realtime.chat.persistence.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.topology.Topology;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterViewTests {

    @Test
    void showsReasonRetriesAndFirstIdsButNoContent() {
        byte[] body = JsonCodec.toBytes(batch(message("c1", 1), message("c1", 2)));
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .headers(Map.of(Topology.HEADER_FAILURE_REASON, "retries-exhausted: x",
                        Topology.HEADER_RETRY_COUNT, 5))
                .build();

        DeadLetterView view = DeadLetterAdmin.view(body, properties);

        assertThat(view.reason()).isEqualTo("retries-exhausted: x");
        assertThat(view.retryCount()).isEqualTo(5);
        assertThat(view.messageCount()).isEqualTo(2);
        assertThat(view.firstMessageIds()).containsExactly("m-c1-1", "m-c1-2");
        assertThat(view.conversationIds()).containsExactly("c1");
        assertThat(view.sizeBytes()).isEqualTo(body.length);
        assertThat(JsonCodec.toJson(view)).doesNotContain("hello");
    }

    @Test
    void showsAMalformedBodyByItsReason() {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .headers(Map.of(Topology.HEADER_FAILURE_REASON, "malformed: not JSON")).build();

        DeadLetterView view = DeadLetterAdmin.view("{oops".getBytes(), properties);

        assertThat(view.reason()).isEqualTo("malformed: not JSON");
        assertThat(view.messageCount()).isZero();
        assertThat(view.firstMessageIds()).isEmpty();
    }
}
