package dev.realtime.chat.testsupport;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.Container;

/**
 * A virtual host per test JVM, so that the same queue names in two test runs never meet. Made with
 * {@code rabbitmqctl} (inside the container on the Testcontainers path); where that is not possible the default
 * virtual host is used, with a warning.
 */
final class RabbitVirtualHosts {

    private static final Logger log = LoggerFactory.getLogger(RabbitVirtualHosts.class);

    private RabbitVirtualHosts() {
    }

    static String create(ServiceLocator.Endpoint rabbit, String name) {
        boolean created = ctl(rabbit, List.of("add_vhost", name))
                && ctl(rabbit, List.of("set_permissions", "-p", name, ServiceLocator.RABBIT_USER, ".*", ".*", ".*"));
        if (!created) {
            log.warn("Could not create RabbitMQ virtual host {} (no rabbitmqctl here?): tests share the default one", name);
            return "/";
        }
        return name;
    }

    static void delete(ServiceLocator.Endpoint rabbit, String name) {
        if (!"/".equals(name)) {
            ctl(rabbit, List.of("delete_vhost", name));
        }
    }

    private static boolean ctl(ServiceLocator.Endpoint rabbit, List<String> arguments) {
        try {
            if (rabbit.container() instanceof Container<?> container) {
                String[] command = new String[arguments.size() + 1];
                command[0] = "rabbitmqctl";
                for (int i = 0; i < arguments.size(); i++) {
                    command[i + 1] = arguments.get(i);
                }
                return container.execInContainer(command).getExitCode() == 0;
            }
            if (!"127.0.0.1".equals(rabbit.host()) && !"localhost".equals(rabbit.host())) {
                return false;
            }
            List<String> command = new java.util.ArrayList<>();
            command.add("rabbitmqctl");
            command.add("-q");
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
