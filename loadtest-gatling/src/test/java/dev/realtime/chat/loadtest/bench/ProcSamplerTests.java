package dev.realtime.chat.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcSamplerTests {

    @Test
    void readsNamedPidFilesSkippingBrokenOnes(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("gateway-1.pid"), "1234\n");
        Files.writeString(dir.resolve("cassandra.pid"), "99");
        Files.writeString(dir.resolve("broken.pid"), "not a pid");
        Files.writeString(dir.resolve("notes.txt"), "5");

        assertThat(ProcSampler.readPidFiles(dir)).containsExactly(
                java.util.Map.entry("cassandra", 99L), java.util.Map.entry("gateway-1", 1234L));
    }

    @Test
    void missingPidDirectoryHasNoProcesses(@TempDir Path dir) {
        assertThat(ProcSampler.readPidFiles(dir.resolve("absent"))).isEmpty();
    }

    @Test
    void matchesOnlyJvmsRunningTheNeedleNotWrappersOrItself() {
        assertThat(ProcSampler.isJavaRunning(new String[] {"/usr/bin/java", "-cp", "x", "io.gatling.app.Gatling"},
                "io.gatling.app.Gatling")).isTrue();
        assertThat(ProcSampler.isJavaRunning(new String[] {"timeout", "600", "java", "io.gatling.app.Gatling"},
                "io.gatling.app.Gatling")).isFalse();
        assertThat(ProcSampler.isJavaRunning(new String[] {"java", ProcSampler.class.getName(), "--cmdline",
                "g=io.gatling.app.Gatling"}, "io.gatling.app.Gatling")).isFalse();
        assertThat(ProcSampler.isJavaRunning(new String[] {"java", "Other"}, "io.gatling.app.Gatling")).isFalse();
    }

    @Test
    void findsTheChildrenOfAProcessLikeNginxWorkers() throws Exception {
        Process parent = new ProcessBuilder("bash", "-c", "sleep 120 & sleep 120 & wait").start();
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> ProcSampler.descendants(parent.pid(), ProcSampler.childrenByParent()).size() == 2);
            assertThat(ProcSampler.descendants(parent.pid(), ProcSampler.childrenByParent()))
                    .doesNotContain(parent.pid());
        } finally {
            parent.descendants().forEach(ProcessHandle::destroy);
            parent.destroy();
        }
        assertThat(ProcSampler.descendants(Long.MAX_VALUE, ProcSampler.childrenByParent())).isEmpty();
    }

    @Test
    void descendantsAreTheWholeSubtree() {
        java.util.Map<Long, java.util.List<Long>> children = java.util.Map.of(1L, java.util.List.of(2L, 3L),
                3L, java.util.List.of(4L), 9L, java.util.List.of(10L));

        assertThat(ProcSampler.descendants(1L, children)).containsExactly(2L, 3L, 4L);
        assertThat(ProcSampler.descendants(4L, children)).isEmpty();
    }
}
