package dev.realtime.chat.router.it;

import static dev.realtime.chat.router.it.RouterTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.realtime.chat.model.envelope.DeliveryItem;
import dev.realtime.chat.model.envelope.GatewayDelivery;
import dev.realtime.chat.model.topology.Topology;
import dev.realtime.chat.router.forward.ConfirmingChannelPublisher;
import dev.realtime.chat.router.routing.Forward;
import dev.realtime.chat.testsupport.ChatTestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

/** The router's confirming publisher against the real broker. */
class ConfirmingChannelPublisherIntegrationTests {

    private static final ChatTestInfrastructure infra = ChatTestInfrastructure.get();
    private static CachingConnectionFactory connectionFactory;

    @BeforeAll
    static void declareExchanges() throws Exception {
        try (Connection connection = infra.rabbitConnectionFactory().newConnection();
                Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(Topology.GATEWAYS_EXCHANGE, "direct", true);
            channel.exchangeDeclare(Topology.GATEWAYS_BROADCAST_EXCHANGE, "fanout", true);
        }
        connectionFactory = new CachingConnectionFactory(infra.rabbitConnectionFactory());
    }

    @AfterAll
    static void close() {
        connectionFactory.destroy();
    }

    private static Forward forward(String exchange, String routingKey, String payload) {
        return new Forward(exchange, routingKey, new GatewayDelivery(List.of(new DeliveryItem(DeliveryItem.MESSAGES,
                List.of("alice"), payload))));
    }

    @Test
    void confirmsAGroupOnceTheBrokerHasEveryDelivery() throws Exception {
        String gateway = unique("gw");
        ConfirmingChannelPublisher publisher = new ConfirmingChannelPublisher(connectionFactory, "test");
        try (GatewayProbe probe = GatewayProbe.start(infra.rabbitConnectionFactory(), gateway)) {
            publisher.publish(List.of(forward(Topology.GATEWAYS_EXCHANGE, gateway, "one"),
                    forward(Topology.GATEWAYS_BROADCAST_EXCHANGE, "", "two"))).get(10, TimeUnit.SECONDS);

            assertThat(probe.take(gateway, 2, Duration.ofSeconds(5)))
                    .extracting(received -> received.delivery().items().get(0).payloadJson())
                    .containsExactly("one", "two");
        } finally {
            publisher.close();
        }
    }

    @Test
    void whatFollowsAFailedPublishInAGroupIsNotDeliveredAheadOfItAndTheNextGroupGetsANewChannel()
            throws Exception {
        String gateway = unique("gw");
        ConfirmingChannelPublisher publisher = new ConfirmingChannelPublisher(connectionFactory, "test");
        try (GatewayProbe probe = GatewayProbe.start(infra.rabbitConnectionFactory(), gateway)) {
            var failed = publisher.publish(List.of(
                    forward("chat.no-such-exchange", gateway, "refused"),
                    forward(Topology.GATEWAYS_BROADCAST_EXCHANGE, "", "behind-the-refused-one"),
                    forward(Topology.GATEWAYS_EXCHANGE, gateway, "also-behind")));

            assertThat(failed).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class);
            assertThat(probe.poll(gateway, Duration.ofMillis(500))).as("nothing overtook the refused publish")
                    .isNull();

            publisher.publish(List.of(forward(Topology.GATEWAYS_EXCHANGE, gateway, "retried")))
                    .get(10, TimeUnit.SECONDS);
            assertThat(probe.poll(gateway, Duration.ofSeconds(5)).delivery().items().get(0).payloadJson())
                    .isEqualTo("retried");
        } finally {
            publisher.close();
        }
    }
}
