package dev.realtime.chat.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.model.envelope.DeliveryItem;
import dev.realtime.chat.model.envelope.GatewayDelivery;
import dev.realtime.chat.model.topology.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ForwardMergerTests {

    private static final List<String> GATEWAYS = List.of("gw-a", "gw-b", "gw-c", "gw-d");

    private static DeliveryItem item(String json) {
        return new DeliveryItem(DeliveryItem.MESSAGES, List.of("u"), json);
    }

    private static Forward direct(String gateway, String... payloads) {
        return new Forward(Topology.GATEWAYS_EXCHANGE, gateway,
                new GatewayDelivery(Arrays.stream(payloads).map(ForwardMergerTests::item).toList()));
    }

    private static Forward broadcast(String... payloads) {
        return new Forward(Topology.GATEWAYS_BROADCAST_EXCHANGE, "",
                new GatewayDelivery(Arrays.stream(payloads).map(ForwardMergerTests::item).toList()));
    }

    private static List<Forward> merge(Forward... forwards) {
        return ForwardMerger.merge(List.of(forwards), 1_000, 1 << 20);
    }

    @Test
    void aGroupOfBatchesBecomesOneDeliveryPerGatewayWithTheItemsInBatchOrder() {
        assertThat(merge(direct("gw-a", "1"), direct("gw-b", "1"), direct("gw-a", "2"), direct("gw-b", "2"),
                direct("gw-c", "3"), direct("gw-a", "3")))
                .containsExactly(direct("gw-a", "1", "2", "3"), direct("gw-b", "1", "2"), direct("gw-c", "3"));
    }

    @Test
    void aBroadcastIsABarrierThatNothingIsMergedAcross() {
        assertThat(merge(direct("gw-a", "1"), broadcast("2"), direct("gw-a", "3"), direct("gw-b", "4")))
                .containsExactly(direct("gw-a", "1"), broadcast("2"), direct("gw-a", "3"), direct("gw-b", "4"));
    }

    @Test
    void consecutiveBroadcastsMergeWithEachOther() {
        assertThat(merge(broadcast("1"), broadcast("2", "3"), direct("gw-a", "4")))
                .containsExactly(broadcast("1", "2", "3"), direct("gw-a", "4"));
    }

    @Test
    void aMergedDeliveryIsSplitAtTheItemLimitAndAtThePayloadLimit() {
        assertThat(ForwardMerger.merge(List.of(direct("gw-a", "1", "2"), direct("gw-a", "3")), 2, 1 << 20))
                .containsExactly(direct("gw-a", "1", "2"), direct("gw-a", "3"));
        // each item counts ~64 characters of envelope, its payload (+1/8 for escaping) and its recipient ids
        String big = "x".repeat(800);
        assertThat(ForwardMerger.merge(List.of(direct("gw-a", "a"), direct("gw-a", big), direct("gw-a", "b"),
                direct("gw-a", "c")), 1_000, 1_000))
                .containsExactly(direct("gw-a", "a"), direct("gw-a", big), direct("gw-a", "b", "c"));
        assertThat(ForwardMerger.merge(List.of(direct("gw-a", big), direct("gw-a", big)), 1_000, 100))
                .as("an item over the limit still goes, alone").containsExactly(direct("gw-a", big), direct("gw-a", big));
    }

    @Test
    void leavesASingleForwardAsItIs() {
        List<Forward> one = List.of(direct("gw-a", "1"));
        assertThat(ForwardMerger.merge(one, 1_000, 1 << 20)).isSameAs(one);
        assertThat(ForwardMerger.merge(List.of(), 1_000, 1 << 20)).isEmpty();
    }

    /** Whatever the mix, every gateway queue receives exactly the items it would have received unmerged. */
    @Test
    void everyGatewayQueueReceivesTheSameItemsInTheSameOrderAsWithoutMerging() {
        Random random = new Random(42);
        int counter = 0;
        for (int round = 0; round < 500; round++) {
            List<Forward> forwards = new ArrayList<>();
            int size = 1 + random.nextInt(40);
            for (int i = 0; i < size; i++) {
                String[] payloads = new String[1 + random.nextInt(3)];
                for (int p = 0; p < payloads.length; p++) {
                    payloads[p] = "m" + counter++;
                }
                forwards.add(random.nextInt(10) == 0 ? broadcast(payloads)
                        : direct(GATEWAYS.get(random.nextInt(GATEWAYS.size())), payloads));
            }
            int maxItems = 1 + random.nextInt(8);
            int maxChars = random.nextBoolean() ? 1 << 20 : 100 + random.nextInt(400);
            List<Forward> merged = ForwardMerger.merge(forwards, maxItems, maxChars);

            assertThat(received(merged)).isEqualTo(received(forwards));
            if (maxItems >= 3 && maxChars == 1 << 20) { // no input is over a limit: merging can only make fewer
                assertThat(merged.size()).isLessThanOrEqualTo(forwards.size());
            }
            if (forwards.size() > 1) { // a lone forward is left as it is
                assertThat(merged).allSatisfy(forward -> assertThat(forward.delivery().items())
                        .hasSizeBetween(1, maxItems));
            }
        }
    }

    /** What each gateway queue holds after the forwards were published in list order. */
    private static Map<String, List<String>> received(List<Forward> forwards) {
        Map<String, List<String>> queues = new LinkedHashMap<>();
        GATEWAYS.forEach(gateway -> queues.put(gateway, new ArrayList<>()));
        for (Forward forward : forwards) {
            Stream<String> targets = Topology.GATEWAYS_EXCHANGE.equals(forward.exchange())
                    ? Stream.of(forward.routingKey()) : GATEWAYS.stream();
            targets.forEach(gateway -> forward.delivery().items()
                    .forEach(item -> queues.get(gateway).add(item.payloadJson())));
        }
        return queues;
    }
}
