package dev.realtime.chat.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds each service: the address from the environment (or the standard local port) when something answers
 * there; else a Testcontainers container when a Docker engine answers; else a failure naming the command.
 */
final class ServiceLocator {

    static final String RABBIT_USER = "guest";
    static final String RABBIT_PASSWORD = "guest";
    private static final Logger log = LoggerFactory.getLogger(ServiceLocator.class);
    private static final String HOW_TO_START = "Start the local services with `./chat infra` (or run the tests with"
            + " `./chat test`, which starts them first), or set %s to where it runs.";

    private final Map<String, String> env;

    ServiceLocator(Map<String, String> env) {
        this.env = env;
    }

    /** Where a service runs; {@code container} is the Testcontainers container when one was started. */
    record Endpoint(String host, int port, Object container) {

        @Override
        public String toString() {
            return host + ":" + port + (container != null ? " (Testcontainers)" : "");
        }
    }

    Endpoint rabbit() {
        return locate("RabbitMQ", "CHAT_RABBIT_HOST", "CHAT_RABBIT_PORT", 5672, Containers::rabbit);
    }

    Endpoint redis() {
        return locate("Redis", "CHAT_REDIS_HOST", "CHAT_REDIS_PORT", 6379, Containers::redis);
    }

    Endpoint cassandra() {
        String contactPoint = env.getOrDefault("CHAT_CASSANDRA_CONTACT_POINT", "127.0.0.1:9042");
        int colon = contactPoint.lastIndexOf(':');
        String host = colon > 0 ? contactPoint.substring(0, colon) : contactPoint;
        int port = colon > 0 ? Integer.parseInt(contactPoint.substring(colon + 1)) : 9042;
        if (answers(host, port)) {
            return new Endpoint(host, port, null);
        }
        return fallback("Cassandra", host + ":" + port, "CHAT_CASSANDRA_CONTACT_POINT", Containers::cassandra);
    }

    private Endpoint locate(String name, String hostVariable, String portVariable, int defaultPort,
            Supplier<Endpoint> container) {
        String host = env.getOrDefault(hostVariable, "127.0.0.1");
        int port = Integer.parseInt(env.getOrDefault(portVariable, Integer.toString(defaultPort)));
        if (answers(host, port)) {
            return new Endpoint(host, port, null);
        }
        return fallback(name, host + ":" + port, hostVariable + "/" + portVariable, container);
    }

    private Endpoint fallback(String name, String address, String variables, Supplier<Endpoint> container) {
        if (Containers.dockerAvailable()) {
            log.info("{} does not answer on {}: starting it with Testcontainers", name, address);
            return container.get();
        }
        throw new IllegalStateException(name + " does not answer on " + address + " and no Docker engine is available"
                + " for Testcontainers. " + String.format(HOW_TO_START, variables));
    }

    static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
