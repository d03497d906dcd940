package dev.realtime.chat.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

class ChatTestInfrastructureIntegrationTests {

    private final ChatTestInfrastructure infra = ChatTestInfrastructure.get();

    @Test
    void givesEachJvmItsOwnVirtualHostKeyPrefixAndKeyspace() throws Exception {
        assertThat(infra.rabbitVirtualHost()).isEqualTo("chat-test-" + infra.runId());
        assertThat(infra.redisKeyPrefix()).isEqualTo("test-" + infra.runId() + ":");
        assertThat(infra.cassandraKeyspace()).matches("chat_test_[a-z0-9]{10}");
        assertThat(infra.properties()).containsEntry("spring.rabbitmq.virtual-host", infra.rabbitVirtualHost())
                .containsEntry("chat.cassandra.keyspace", infra.cassandraKeyspace());
    }

    @Test
    void reachesRabbitMqOnItsVirtualHost() throws Exception {
        try (Connection connection = infra.rabbitConnectionFactory().newConnection();
                Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare().getQueue();
            channel.basicPublish("", queue, null, "ping".getBytes());
            assertThat(channel.messageCount(queue)).isLessThanOrEqualTo(1);
            assertThat(connection.getServerProperties()).containsKey("version");
        }
    }

    @Test
    void reachesRedisAndCassandra() {
        try (StatefulRedisConnection<String, String> redis = infra.redisClient().connect()) {
            redis.sync().set(infra.redisKeyPrefix() + "probe", "1");
            assertThat(redis.sync().get(infra.redisKeyPrefix() + "probe")).isEqualTo("1");
        }
        String version = infra.cqlSession().execute("SELECT release_version FROM system.local").one().getString(0);
        assertThat(version).startsWith("5.0");
    }
}
