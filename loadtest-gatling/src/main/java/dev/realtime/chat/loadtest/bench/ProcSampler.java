package dev.realtime.chat.loadtest.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples CPU time and RSS of the system's processes from {@code /proc} while the bench runs, into a TSV file:
 * {@code epochMillis TAB name TAB pid TAB cpuTicks TAB rssKb}, plus {@code _machine} lines (total and idle ticks
 * of the whole machine). Processes come from the {@code ./chat up} pidfiles ({@code <dir>/NAME.pid}), from
 * {@code --pid name=PID}, and from {@code --cmdline name=substring} (looked up at every sample, for processes
 * that start later, like the Gatling JVM). A process's line counts its descendants too (nginx's master and its
 * workers: the workers do the proxying). Stops by itself after {@code --max-seconds} or when
 * {@code --stop-file} exists.
 *
 * <pre>
 * java -cp ... dev.realtime.chat.loadtest.bench.ProcSampler --out FILE [--pid-dir DIR] [--pid name=PID]...
 *     [--cmdline name=substring]... [--interval-ms 1000] [--max-seconds 900] [--stop-file FILE]
 * </pre>
 */
public final class ProcSampler {

    private ProcSampler() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path out = null;
        Path pidDir = null;
        Path stopFile = null;
        long intervalMillis = 1000;
        long maxSeconds = 900;
        Map<String, Long> fixed = new LinkedHashMap<>();
        Map<String, String> byCmdline = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--out" -> out = Path.of(value);
                case "--pid-dir" -> pidDir = Path.of(value);
                case "--stop-file" -> stopFile = Path.of(value);
                case "--interval-ms" -> intervalMillis = Long.parseLong(value);
                case "--max-seconds" -> maxSeconds = Long.parseLong(value);
                case "--pid" -> fixed.put(value.substring(0, value.indexOf('=')),
                        Long.parseLong(value.substring(value.indexOf('=') + 1)));
                case "--cmdline" -> byCmdline.put(value.substring(0, value.indexOf('=')),
                        value.substring(value.indexOf('=') + 1));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        long self = ProcessHandle.current().pid();
        long deadline = System.currentTimeMillis() + maxSeconds * 1000;
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            while (System.currentTimeMillis() < deadline && (stopFile == null || !Files.exists(stopFile))) {
                long now = System.currentTimeMillis();
                Map<String, Long> pids = new LinkedHashMap<>(fixed);
                if (pidDir != null) {
                    pids.putAll(readPidFiles(pidDir));
                }
                byCmdline.forEach((name, needle) -> {
                    Long pid = findByCmdline(needle, self);
                    if (pid != null) {
                        pids.putIfAbsent(name, pid);
                    }
                });
                ProcStat.Machine machine = ProcStat.parseMachineStat(Files.readString(Path.of("/proc/stat")));
                writer.write(now + "\t_machine\t0\t" + machine.totalTicks() + "\t" + machine.idleTicks() + "\n");
                Map<Long, List<Long>> children = childrenByParent();
                for (Map.Entry<String, Long> entry : pids.entrySet()) {
                    String line = sample(now, entry.getKey(), entry.getValue(), children);
                    if (line != null) {
                        writer.write(line);
                    }
                }
                writer.flush();
                Thread.sleep(Math.max(1, intervalMillis - (System.currentTimeMillis() - now)));
            }
        }
    }

    private static String sample(long now, String name, long pid, Map<Long, List<Long>> children) {
        long ticks;
        long rss;
        try {
            ticks = ProcStat.parseProcessStat(Files.readString(Path.of("/proc/" + pid + "/stat"))).totalTicks();
            rss = ProcStat.parseRssKb(Files.readString(Path.of("/proc/" + pid + "/status")));
        } catch (IOException | RuntimeException e) {
            return null; // the process is gone (or not ours to read): no sample
        }
        for (long child : descendants(pid, children)) {
            try {
                ticks += ProcStat.parseProcessStat(Files.readString(Path.of("/proc/" + child + "/stat"))).totalTicks();
                rss += ProcStat.parseRssKb(Files.readString(Path.of("/proc/" + child + "/status")));
            } catch (IOException | RuntimeException e) {
                // a child that exited meanwhile
            }
        }
        return now + "\t" + name + "\t" + pid + "\t" + ticks + "\t" + rss + "\n";
    }

    /** Every process's children, from one pass over the process table (one per sampling round). */
    static Map<Long, List<Long>> childrenByParent() {
        Map<Long, List<Long>> children = new HashMap<>();
        ProcessHandle.allProcesses().forEach(process -> process.parent().ifPresent(parent ->
                children.computeIfAbsent(parent.pid(), p -> new ArrayList<>()).add(process.pid())));
        return children;
    }

    /** The process's children, their children, and so on (none for the JVMs; the workers for nginx). */
    static List<Long> descendants(long pid, Map<Long, List<Long>> children) {
        List<Long> found = new ArrayList<>();
        ArrayDeque<Long> next = new ArrayDeque<>(children.getOrDefault(pid, List.of()));
        while (!next.isEmpty()) {
            long child = next.poll();
            if (child != pid && !found.contains(child)) {
                found.add(child);
                next.addAll(children.getOrDefault(child, List.of()));
            }
        }
        return found;
    }

    static Map<String, Long> readPidFiles(Path dir) {
        Map<String, Long> pids = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return pids;
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.pid")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            return pids;
        }
        files.sort(null);
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
            try {
                pids.put(name, Long.parseLong(Files.readString(file).trim()));
            } catch (IOException | NumberFormatException e) {
                // a pidfile being rewritten: skip this round
            }
        }
        return pids;
    }

    /** A JVM (not a wrapper like timeout or a shell) whose arguments contain the needle. */
    static boolean isJavaRunning(String[] argv, String needle) {
        if (argv.length == 0 || !(argv[0].equals("java") || argv[0].endsWith("/java"))) {
            return false;
        }
        boolean found = false;
        for (String arg : argv) {
            if (arg.contains(ProcSampler.class.getName())) {
                return false;
            }
            found |= arg.contains(needle);
        }
        return found;
    }

    private static Long findByCmdline(String needle, long self) {
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                try {
                    String[] argv = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                            .split("\0");
                    if (isJavaRunning(argv, needle)) {
                        return pid;
                    }
                } catch (IOException e) {
                    // exited meanwhile
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
