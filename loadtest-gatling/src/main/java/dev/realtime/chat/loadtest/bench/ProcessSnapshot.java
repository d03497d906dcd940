package dev.realtime.chat.loadtest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What bench/connections.sh saved about one process at one moment, in a directory {@code <phase>/<name>/}:
 * <ul>
 *   <li>{@code meta}: {@code key=value} lines ({@code pid}, {@code port}, {@code role}, {@code startMillis},
 *       {@code endMillis}: when the snapshot began and ended)</li>
 *   <li>{@code jcmd.txt}: {@code jcmd <pid> -f} of {@code GC.run}, {@code GC.heap_info}, {@code GC.class_histogram}
 *       (JVMs of the system only)</li>
 *   <li>{@code status.txt}: {@code /proc/<pid>/status} (read after jcmd: the attach thread is in both phases)</li>
 *   <li>{@code fds.txt}: the number of entries of {@code /proc/<pid>/fd}; {@code limits.txt}: {@code /proc/<pid>/limits}</li>
 *   <li>{@code prom.txt}: the process's {@code /actuator/prometheus} (gateways)</li>
 * </ul>
 * Every file is optional: what is missing stays null.
 */
public record ProcessSnapshot(String name, Map<String, String> meta, JcmdOutput.Heap heap,
        JcmdOutput.Histogram histogram, Long rssKb, Long rssAnonKb, Long threads, Long fds, Long maxOpenFiles,
        PrometheusText prometheus) {

    public static ProcessSnapshot read(Path dir) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        String metaText = readOrNull(dir.resolve("meta"));
        if (metaText != null) {
            for (String line : metaText.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    meta.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        }
        String jcmd = readOrNull(dir.resolve("jcmd.txt"));
        String status = readOrNull(dir.resolve("status.txt"));
        String fds = readOrNull(dir.resolve("fds.txt"));
        String limits = readOrNull(dir.resolve("limits.txt"));
        String prom = readOrNull(dir.resolve("prom.txt"));
        return new ProcessSnapshot(dir.getFileName().toString(), meta,
                jcmd == null ? null : JcmdOutput.parseHeapInfo(jcmd),
                jcmd == null ? null : JcmdOutput.parseClassHistogram(jcmd),
                status == null ? null : ProcStat.statusKb(status, "VmRSS"),
                status == null ? null : ProcStat.statusKb(status, "RssAnon"),
                status == null ? null : ProcStat.statusKb(status, "Threads"),
                fds == null || fds.isBlank() ? null : Long.parseLong(fds.trim()),
                limits == null ? null : ProcStat.maxOpenFiles(limits),
                prom == null || prom.isBlank() ? null : PrometheusText.parse(prom));
    }

    private static String readOrNull(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file) : null;
    }

    public Long pid() {
        return longMeta("pid");
    }

    public Long port() {
        return longMeta("port");
    }

    public String role() {
        return meta.getOrDefault("role", "");
    }

    public Long startMillis() {
        return longMeta("startMillis");
    }

    public Long endMillis() {
        return longMeta("endMillis");
    }

    /** The gateway's {@code chat_sessions_active} gauge (all series summed), null without a scrape or gauge. */
    public Double sessions() {
        return prometheus == null ? null : prometheus.sum("chat_sessions_active");
    }

    /** Heap used as {@code GC.heap_info} printed it after the full GC, else the JVM's own gauge; KiB. */
    public Double heapUsedKb() {
        if (heap != null) {
            return (double) heap.usedKb();
        }
        Double bytes = prometheusHeapUsedBytes();
        return bytes == null ? null : bytes / 1024;
    }

    /** {@code jvm_memory_used_bytes{area="heap"}} summed over the pools (scraped after the GC), or null. */
    public Double prometheusHeapUsedBytes() {
        return prometheus == null ? null : prometheus.sumWhere("jvm_memory_used_bytes", "area=\"heap\"");
    }

    /** {@code jvm_buffer_memory_used_bytes{id="direct"}}: NIO direct buffers, or null. */
    public Double directBufferBytes() {
        return prometheus == null ? null : prometheus.sumWhere("jvm_buffer_memory_used_bytes", "id=\"direct\"");
    }

    /** Live objects of the class histogram (after its own full GC), KiB, or null. */
    public Double liveObjectsKb() {
        return histogram == null ? null : histogram.totalBytes() / 1024.0;
    }

    private Long longMeta(String key) {
        String value = meta.get(key);
        try {
            return value == null || value.isEmpty() ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
