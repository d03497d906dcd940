package dev.realtime.chat.testsupport;

import java.time.Duration;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.cassandra.CassandraContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The Testcontainers path, for machines with a Docker engine and none of the services running locally.
 * Containers live as long as the JVM (Ryuk removes them afterwards).
 */
final class Containers {

    private Containers() {
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    static ServiceLocator.Endpoint rabbit() {
        RabbitMQContainer container = new RabbitMQContainer(DockerImageName.parse("rabbitmq:3.13-management"));
        container.start();
        return new ServiceLocator.Endpoint(container.getHost(), container.getAmqpPort(), container);
    }

    @SuppressWarnings("resource")
    static ServiceLocator.Endpoint redis() {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse("redis:7.2"))
                .withExposedPorts(6379);
        container.start();
        return new ServiceLocator.Endpoint(container.getHost(), container.getMappedPort(6379), container);
    }

    static ServiceLocator.Endpoint cassandra() {
        CassandraContainer container = new CassandraContainer(DockerImageName.parse("cassandra:5.0"))
                .withStartupTimeout(Duration.ofMinutes(3));
        container.start();
        return new ServiceLocator.Endpoint(container.getHost(), container.getMappedPort(9042), container);
    }
}
