package dev.realtime.chat.system;

import dev.realtime.chat.testsupport.ChatTestInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system as separate processes, started from the services' runnable jars (the ones this build just
 * packaged): N gateways, the delivery router, the persistence consumer and the presence service, on this JVM's
 * isolated RabbitMQ virtual host, Redis key prefix and Cassandra keyspace. A part can be killed (SIGKILL, as a
 * crash) and started again.
 */
final class RunningSystem implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningSystem.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ChatTestInfrastructure infra = ChatTestInfrastructure.get();
    private final Path root = Path.of(System.getProperty("chat.root", "..")).toAbsolutePath().normalize();
    private final String version = System.getProperty("chat.version", "0.1.0-SNAPSHOT");
    private final Path logs;
    private final String jwtSecret = UUID.randomUUID() + "-" + UUID.randomUUID();
    private final Map<String, Part> parts = new LinkedHashMap<>();

    record Part(String name, String module, int port, List<String> arguments, Process process) {

        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    private RunningSystem() throws IOException {
        this.logs = root.resolve("system-tests/target/system-logs");
        Files.createDirectories(logs);
    }

    static RunningSystem start(int gateways) throws IOException {
        RunningSystem system = new RunningSystem();
        try {
            for (int i = 1; i <= gateways; i++) {
                system.launch("gateway-" + i, "chat-gateway", "--chat.instance-id=gw-" + i, "--chat.worker-id=" + i);
            }
            system.launch("delivery-router", "delivery-router", "--chat.instance-id=router-1", "--chat.worker-id=101");
            system.launch("persistence-consumer", "persistence-consumer", "--chat.instance-id=persist-1",
                    "--chat.worker-id=102");
            system.launch("presence-service", "presence-service", "--chat.instance-id=presence-1",
                    "--chat.worker-id=103");
            system.awaitReady(system.parts.keySet());
            return system;
        } catch (RuntimeException | IOException e) {
            system.close();
            throw e;
        }
    }

    List<String> gatewayUrls() {
        return parts.values().stream().filter(p -> p.module().equals("chat-gateway")).map(Part::url).toList();
    }

    /** Every part's base URL, by part name. */
    Map<String, String> urls() {
        Map<String, String> urls = new LinkedHashMap<>();
        parts.forEach((name, part) -> urls.put(name, part.url()));
        return urls;
    }

    /** The repository's root (where config/ and the modules are). */
    Path root() {
        return root;
    }

    String url(String name) {
        return part(name).url();
    }

    /** Kills a part the way a crash does: no shutdown hooks, no graceful close. */
    void kill(String name) throws InterruptedException {
        Part part = part(name);
        part.process().destroyForcibly();
        part.process().waitFor(30, TimeUnit.SECONDS);
        log.info("killed {}", name);
    }

    /** Starts a killed part again, same port and arguments, and waits until it is ready. */
    void restart(String name) throws IOException {
        Part old = part(name);
        if (old.process().isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        parts.put(name, spawn(old.name(), old.module(), old.port(), old.arguments()));
        awaitReady(List.of(name));
    }

    private Part part(String name) {
        Part part = parts.get(name);
        if (part == null) {
            throw new IllegalArgumentException("no part " + name + " (have " + parts.keySet() + ")");
        }
        return part;
    }

    private void launch(String name, String module, String... extra) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(infra.asArguments(Map.of(
                "chat.auth.jwt-secret", jwtSecret,
                "chat.auth.bcrypt-strength", "4",
                "logging.level.root", "INFO"))));
        arguments.addAll(List.of(extra));
        parts.put(name, spawn(name, module, freePort(), arguments));
    }

    private Part spawn(String name, String module, int port, List<String> arguments) throws IOException {
        Path jar = root.resolve(module).resolve("target").resolve(module + "-" + version + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the build (./mvnw -B verify) so that the services"
                    + " are packaged before system-tests");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-jar", jar.toString(), "--server.port=" + port));
        command.addAll(arguments);
        Path logFile = logs.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        log.info("started {} on :{} (pid {}, log {})", name, port, process.pid(), logFile);
        return new Part(name, module, port, arguments, process);
    }

    private void awaitReady(Iterable<String> names) {
        for (String name : names) {
            Part part = part(name);
            Awaitility.await(name + " ready on :" + part.port()).atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500))
                    .failFast(name + " exited (see " + logs.resolve(name + ".log") + ")", () -> !part(name).process().isAlive())
                    .until(() -> ready(part(name)));
        }
    }

    private static boolean ready(Part part) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(part.url() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        for (Part part : parts.values()) {
            part.process().destroy();
        }
        for (Part part : parts.values()) {
            try {
                if (!part.process().waitFor(20, TimeUnit.SECONDS)) {
                    part.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                part.process().destroyForcibly();
            }
        }
    }
}
