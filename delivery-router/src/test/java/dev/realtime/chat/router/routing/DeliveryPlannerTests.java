package dev.realtime.chat.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.model.envelope.DeliveryItem;
import dev.realtime.chat.model.envelope.GatewayDelivery;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.router.batch.Outgoing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryPlannerTests {

    private static Outgoing message(String json, String... recipients) {
        return new Outgoing(DeliveryItem.MESSAGES, List.of(recipients), json);
    }

    @Test
    void publishesOneDeliveryPerGatewayWithThatGatewaysRecipientsInBatchOrder() {
        List<Outgoing> items = List.of(
                message("m1", "alice", "bob", "carol"),
                message("m2", "bob"),
                message("m3", "carol", "alice"));
        Map<String, List<String>> gateways = Map.of(
                "alice", List.of("gw-a"),
                "bob", List.of("gw-b"),
                "carol", List.of("gw-a"));

        List<Forward> forwards = DeliveryPlanner.perGateway(items, gateways);

        assertThat(forwards).containsExactly(
                new Forward(Topology.GATEWAYS_EXCHANGE, "gw-a", new GatewayDelivery(List.of(
                        new DeliveryItem(DeliveryItem.MESSAGES, List.of("alice", "carol"), "m1"),
                        new DeliveryItem(DeliveryItem.MESSAGES, List.of("carol", "alice"), "m3")))),
                new Forward(Topology.GATEWAYS_EXCHANGE, "gw-b", new GatewayDelivery(List.of(
                        new DeliveryItem(DeliveryItem.MESSAGES, List.of("bob"), "m1"),
                        new DeliveryItem(DeliveryItem.MESSAGES, List.of("bob"), "m2")))));
    }

    @Test
    void aUserWithSessionsOnTwoGatewaysIsNamedOnBoth() {
        List<Forward> forwards = DeliveryPlanner.perGateway(List.of(message("m1", "alice")),
                Map.of("alice", List.of("gw-a", "gw-b")));

        assertThat(forwards).extracting(Forward::routingKey).containsExactly("gw-a", "gw-b");
        assertThat(forwards).allSatisfy(forward -> assertThat(forward.delivery().items())
                .containsExactly(new DeliveryItem(DeliveryItem.MESSAGES, List.of("alice"), "m1")));
    }

    @Test
    void recipientsWithoutALiveSessionGetNothing() {
        List<Forward> forwards = DeliveryPlanner.perGateway(
                List.of(message("m1", "alice", "offline-user"), message("m2", "offline-user")),
                Map.of("alice", List.of("gw-a")));

        assertThat(forwards).hasSize(1);
        assertThat(forwards.get(0).delivery().items())
                .containsExactly(new DeliveryItem(DeliveryItem.MESSAGES, List.of("alice"), "m1"));
        assertThat(DeliveryPlanner.perGateway(List.of(message("m1", "offline-user")), Map.of())).isEmpty();
    }

    @Test
    void broadcastNamesEveryRecipientInOneFanoutDelivery() {
        List<Forward> forwards = DeliveryPlanner.broadcast(List.of(
                message("m1", "alice", "bob"),
                new Outgoing(DeliveryItem.EVENTS, List.of(), "nobody"),
                new Outgoing(DeliveryItem.EVENTS, List.of("carol"), "e1")));

        assertThat(forwards).containsExactly(new Forward(Topology.GATEWAYS_BROADCAST_EXCHANGE, "",
                new GatewayDelivery(List.of(
                        new DeliveryItem(DeliveryItem.MESSAGES, List.of("alice", "bob"), "m1"),
                        new DeliveryItem(DeliveryItem.EVENTS, List.of("carol"), "e1")))));
        assertThat(DeliveryPlanner.broadcast(List.of(message("m1")))).isEmpty();
    }
}
