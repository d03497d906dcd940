package dev.realtime.chat.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceLocatorTests {

    @Test
    void usesTheAddressFromTheEnvironmentWhenSomethingAnswersThere() throws IOException {
        try (ServerSocket server = new ServerSocket(0)) {
            ServiceLocator locator = new ServiceLocator(Map.of("CHAT_REDIS_HOST", "127.0.0.1",
                    "CHAT_REDIS_PORT", Integer.toString(server.getLocalPort())));
            ServiceLocator.Endpoint redis = locator.redis();
            assertThat(redis.port()).isEqualTo(server.getLocalPort());
            assertThat(redis.container()).isNull();
        }
    }

    @Test
    void failsNamingTheCommandWhenNothingAnswersAndThereIsNoDocker() throws IOException {
        assumeThat(Containers.dockerAvailable()).as("this check is for machines without Docker").isFalse();
        int freePort;
        try (ServerSocket server = new ServerSocket(0)) {
            freePort = server.getLocalPort();
        }
        ServiceLocator locator = new ServiceLocator(Map.of("CHAT_CASSANDRA_CONTACT_POINT", "127.0.0.1:" + freePort));
        assertThatIllegalStateException().isThrownBy(locator::cassandra)
                .withMessageContaining("Cassandra does not answer on 127.0.0.1:" + freePort)
                .withMessageContaining("./chat infra")
                .withMessageContaining("CHAT_CASSANDRA_CONTACT_POINT");
    }
}
