package dev.realtime.chat.loadtest.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code jcmd <pid> GC.heap_info} and {@code jcmd <pid> GC.class_histogram} print (JDK 17), as
 * bench/connections.sh captures them right after {@code GC.run} (a full GC).
 */
public final class JcmdOutput {

    /** {@code " garbage-first heap   total 262144K, used 37783K [...]"}; Parallel/Serial print one per generation. */
    private static final Pattern GENERATION = Pattern.compile("^\\s*(\\S.*?)\\s+total (\\d+)K, used (\\d+)K");
    /** ZGC: {@code " ZHeap           used 8M, capacity 256M, max capacity 4096M"}. */
    private static final Pattern ZGC = Pattern.compile("^\\s*ZHeap\\s+used (\\d+)M, capacity (\\d+)M");
    /** {@code "   1:        131348        8661560  [B (java.base@17.0.15)"}. */
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s.*)?$");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private JcmdOutput() {
    }

    /** Heap as {@code GC.heap_info} reports it, in KiB. */
    public record Heap(long usedKb, long committedKb) {
    }

    /**
     * The heap's used and committed size: the sum of the generation lines ({@code total ...K, used ...K}; G1 prints
     * one for the whole heap, Parallel and Serial one per generation), or ZGC's {@code ZHeap} line. Metaspace and
     * class space are not heap. Null when the output has no heap line (another collector, an error).
     */
    public static Heap parseHeapInfo(String text) {
        long used = 0;
        long committed = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            Matcher generation = GENERATION.matcher(line);
            if (generation.find()) {
                String name = generation.group(1).trim().toLowerCase(java.util.Locale.ROOT);
                if (name.startsWith("metaspace") || name.startsWith("class space")) {
                    continue;
                }
                committed += Long.parseLong(generation.group(2));
                used += Long.parseLong(generation.group(3));
                found = true;
                continue;
            }
            Matcher z = ZGC.matcher(line);
            if (z.find()) {
                used += Long.parseLong(z.group(1)) * 1024;
                committed += Long.parseLong(z.group(2)) * 1024;
                found = true;
            }
        }
        return found ? new Heap(used, committed) : null;
    }

    /** One class of a histogram: live instances and their bytes. */
    public record ClassRow(String className, long instances, long bytes) {
    }

    /** Live objects after the histogram's full GC: the total and each class (module suffix dropped). */
    public record Histogram(long totalInstances, long totalBytes, Map<String, ClassRow> classes) {
    }

    /** Null when the text holds no histogram ({@code Total} line missing). */
    public static Histogram parseClassHistogram(String text) {
        Map<String, ClassRow> classes = new LinkedHashMap<>();
        Long totalInstances = null;
        long totalBytes = 0;
        for (String line : text.split("\n")) {
            Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.matches()) {
                String name = row.group(3);
                long instances = Long.parseLong(row.group(1));
                long bytes = Long.parseLong(row.group(2));
                // the same class name from two class loaders: one row
                classes.merge(name, new ClassRow(name, instances, bytes), (a, b) ->
                        new ClassRow(name, a.instances() + b.instances(), a.bytes() + b.bytes()));
                continue;
            }
            Matcher total = HISTOGRAM_TOTAL.matcher(line.trim());
            if (total.matches()) {
                totalInstances = Long.parseLong(total.group(1));
                totalBytes = Long.parseLong(total.group(2));
            }
        }
        return totalInstances == null ? null : new Histogram(totalInstances, totalBytes, classes);
    }

    /** How one class grew between two histograms. */
    public record Growth(String className, long instances, long bytes) {
    }

    /** The {@code limit} classes whose live bytes grew most from {@code before} to {@code after}. */
    public static List<Growth> topGrowth(Histogram before, Histogram after, int limit) {
        List<Growth> growth = new ArrayList<>();
        for (ClassRow row : after.classes().values()) {
            ClassRow old = before.classes().get(row.className());
            long bytes = row.bytes() - (old == null ? 0 : old.bytes());
            long instances = row.instances() - (old == null ? 0 : old.instances());
            if (bytes > 0) {
                growth.add(new Growth(row.className(), instances, bytes));
            }
        }
        growth.sort(Comparator.comparingLong(Growth::bytes).reversed().thenComparing(Growth::className));
        return growth.size() > limit ? List.copyOf(growth.subList(0, limit)) : List.copyOf(growth);
    }
}
