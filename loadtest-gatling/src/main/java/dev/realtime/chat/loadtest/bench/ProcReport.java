package dev.realtime.chat.loadtest.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns {@link ProcSampler} samples into CPU and RSS per process over a time window. */
public final class ProcReport {

    private ProcReport() {
    }

    /**
     * @param cpuPercent CPU used over the window, 100 = one core busy
     * @param rssMbMax largest resident set seen in the window
     */
    public record ProcessUsage(String name, long pid, double cpuPercent, double cpuSeconds, double rssMbMax,
            double rssMbLast, int samples) {
    }

    /** @param busyPercent share of all cores busy over the window (100 = every core) */
    public record MachineUsage(double busyPercent, int samples) {
    }

    public record Report(List<ProcessUsage> processes, MachineUsage machine) {
    }

    private record Sample(long millis, String name, long pid, long ticks, long rssKb) {
    }

    public static Report from(String tsv, long windowStart, long windowEnd, long clockTicksPerSecond) {
        Map<String, List<Sample>> byProcess = new LinkedHashMap<>();
        List<Sample> machine = new ArrayList<>();
        for (String line : tsv.split("\n")) {
            String[] f = line.split("\t");
            if (f.length != 5) {
                continue;
            }
            Sample sample;
            try {
                sample = new Sample(Long.parseLong(f[0]), f[1], Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]));
            } catch (NumberFormatException e) {
                continue;
            }
            if (sample.millis() < windowStart || sample.millis() > windowEnd) {
                continue;
            }
            if (sample.name().equals("_machine")) {
                machine.add(sample);
            } else {
                byProcess.computeIfAbsent(sample.name() + "\t" + sample.pid(), k -> new ArrayList<>()).add(sample);
            }
        }
        List<ProcessUsage> processes = new ArrayList<>();
        for (List<Sample> samples : byProcess.values()) {
            Sample first = samples.get(0);
            Sample last = samples.get(samples.size() - 1);
            double seconds = (last.millis() - first.millis()) / 1000.0;
            double cpuSeconds = (last.ticks() - first.ticks()) / (double) clockTicksPerSecond;
            double cpuPercent = seconds <= 0 ? 0 : cpuSeconds / seconds * 100;
            long rssMax = samples.stream().mapToLong(Sample::rssKb).max().orElse(0);
            processes.add(new ProcessUsage(first.name(), first.pid(), round1(cpuPercent), round1(cpuSeconds),
                    round1(rssMax / 1024.0), round1(last.rssKb() / 1024.0), samples.size()));
        }
        MachineUsage machineUsage = new MachineUsage(0, machine.size());
        if (machine.size() >= 2) {
            Sample first = machine.get(0);
            Sample last = machine.get(machine.size() - 1);
            // for _machine lines: ticks = total ticks, rssKb = idle ticks
            long total = last.ticks() - first.ticks();
            long idle = last.rssKb() - first.rssKb();
            machineUsage = new MachineUsage(total <= 0 ? 0 : round1((1 - (double) idle / total) * 100), machine.size());
        }
        return new Report(processes, machineUsage);
    }

    static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
