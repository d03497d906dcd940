package dev.realtime.chat.loadtest.bench;

/**
 * Parses {@code /proc/<pid>/stat}, {@code /proc/<pid>/status} and {@code /proc/stat} (Linux).
 */
public final class ProcStat {

    private ProcStat() {
    }

    /** CPU time of one process in clock ticks. */
    public record Cpu(long userTicks, long systemTicks) {

        public long totalTicks() {
            return userTicks + systemTicks;
        }
    }

    /**
     * utime and stime (fields 14 and 15) of {@code /proc/<pid>/stat}. The command (field 2) is in parentheses and
     * may itself contain spaces and parentheses, so fields are counted after the last ')'.
     */
    public static Cpu parseProcessStat(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line");
        }
        String[] fields = stat.substring(close + 1).trim().split("\\s+");
        // fields[0] is field 3 (state); utime is field 14 -> index 11, stime field 15 -> index 12
        if (fields.length < 13) {
            throw new IllegalArgumentException("/proc/<pid>/stat line too short");
        }
        return new Cpu(Long.parseLong(fields[11]), Long.parseLong(fields[12]));
    }

    /** {@code VmRSS} of {@code /proc/<pid>/status} in kB, or -1 when absent (kernel threads, zombies). */
    public static long parseRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return -1;
    }

    /**
     * A numeric field of {@code /proc/<pid>/status}: {@code VmRSS}, {@code RssAnon} (kB), {@code Threads}, ...;
     * null when absent.
     */
    public static Long statusKb(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The soft limit of {@code Max open files} in {@code /proc/<pid>/limits}; null when absent or unlimited. */
    public static Long maxOpenFiles(String limits) {
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String[] parts = line.substring("Max open files".length()).trim().split("\\s+");
                try {
                    return Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Whole machine: total and idle (idle + iowait) ticks of the {@code cpu} line of {@code /proc/stat}. */
    public record Machine(long totalTicks, long idleTicks) {
    }

    public static Machine parseMachineStat(String procStat) {
        for (String line : procStat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] fields = line.substring(4).trim().split("\\s+");
                long total = 0;
                for (int i = 0; i < Math.min(fields.length, 8); i++) {
                    total += Long.parseLong(fields[i]);
                }
                long idle = Long.parseLong(fields[3]) + (fields.length > 4 ? Long.parseLong(fields[4]) : 0);
                return new Machine(total, idle);
            }
        }
        throw new IllegalArgumentException("no cpu line in /proc/stat");
    }
}
