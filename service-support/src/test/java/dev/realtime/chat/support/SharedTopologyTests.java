package dev.realtime.chat.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.support.amqp.SharedTopology;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Queue;

class SharedTopologyTests {

    private final List<Declarable> declarables = SharedTopology.declarables(4);

    @Test
    void eachShardQueueHasOneActiveConsumerAndReceivesItsMessagesAndEvents() {
        Queue shard2 = queue("chat.delivery.2");
        assertThat(shard2.isDurable()).isTrue();
        assertThat(shard2.getArguments()).containsEntry("x-single-active-consumer", true);
        assertThat(bindingKeys("chat.delivery.2")).containsExactlyInAnyOrder("message.2", "event.2");
    }

    @Test
    void persistQueueGetsEveryMessageShardButNoEventsAndDeadLettersToItsDlq() {
        Queue persist = queue(Topology.PERSIST_QUEUE);
        assertThat(persist.isDurable()).isTrue();
        assertThat(persist.getArguments()).containsEntry("x-dead-letter-routing-key", Topology.PERSIST_DEAD_LETTER_QUEUE);
        assertThat(bindingKeys(Topology.PERSIST_QUEUE)).containsExactly("message.*");
    }

    @Test
    void retryQueuesBackOffExponentiallyAndReturnToThePersistQueue() {
        Queue first = queue(Topology.persistRetryQueue(1));
        Queue second = queue(Topology.persistRetryQueue(2));
        assertThat(first.getArguments()).containsEntry("x-dead-letter-routing-key", Topology.PERSIST_QUEUE);
        assertThat((Long) second.getArguments().get("x-message-ttl"))
                .isEqualTo(2 * (Long) first.getArguments().get("x-message-ttl"));
    }

    private Queue queue(String name) {
        return declarables.stream().filter(Queue.class::isInstance).map(Queue.class::cast)
                .filter(q -> q.getName().equals(name)).findFirst().orElseThrow();
    }

    private List<String> bindingKeys(String queue) {
        return declarables.stream().filter(Binding.class::isInstance).map(Binding.class::cast)
                .filter(b -> b.getDestination().equals(queue)).map(Binding::getRoutingKey).toList();
    }
}
