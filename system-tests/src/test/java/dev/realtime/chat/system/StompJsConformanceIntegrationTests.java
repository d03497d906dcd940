package dev.realtime.chat.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * protocol.md as browsers and phones meet it: @stomp/stompjs under Node.js (from the npm registry) against four
 * gateways, each check printed by the script ("ok - ..." / "not ok - ...").
 */
class StompJsConformanceIntegrationTests {

    private final RunningSystem system = SharedSystem.get();

    @Test
    void stompJsClientsSeeTheProtocolAcrossFourGateways() throws Exception {
        Path node = Path.of(System.getProperty("chat.root", "..")).resolve("system-tests/src/test/node").toAbsolutePath();
        if (!Files.isDirectory(node.resolve("node_modules/@stomp/stompjs"))) {
            Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(node.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(install.waitFor(5, TimeUnit.MINUTES)).as("npm ci finished").isTrue();
            assertThat(install.exitValue()).as("npm ci: " + out).isZero();
        }
        ProcessBuilder run = new ProcessBuilder("node", "conformance.mjs").directory(node.toFile()).redirectErrorStream(true);
        run.environment().put("BASE_URLS", String.join(",", system.gatewayUrls()));
        Process process = run.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        System.out.println(output);
        List<String> failures = output.lines().filter(line -> line.startsWith("not ok")).toList();
        assertThat(failures).as("checks that failed").isEmpty();
        assertThat(output).contains(" passed, 0 failed");
        assertThat(process.exitValue()).isZero();
    }
}
