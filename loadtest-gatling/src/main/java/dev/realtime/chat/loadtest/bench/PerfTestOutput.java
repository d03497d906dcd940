package dev.realtime.chat.loadtest.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The closing summary of a RabbitMQ PerfTest run ({@code id: X, sending rate avg: N msg/s} etc.). */
public record PerfTestOutput(Double sendingRate, Double receivingRate, Long consumerLatencyMedianMicros,
        Long consumerLatencyP99Micros, Long confirmLatencyMedianMicros, Long confirmLatencyP99Micros) {

    private static final Pattern SENDING = Pattern.compile("sending rate avg: ([0-9.]+) msg/s");
    private static final Pattern RECEIVING = Pattern.compile("receiving rate avg: ([0-9.]+) msg/s");
    private static final Pattern CONSUMER = Pattern.compile(
            "consumer latency min/median/75th/95th/99th (\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+)");
    private static final Pattern CONFIRM = Pattern.compile(
            ", confirm latency min/median/75th/95th/99th (\\d+)/(\\d+)/(\\d+)/(\\d+)/(\\d+)");

    public static PerfTestOutput parse(String output) {
        Double sending = null;
        Double receiving = null;
        Long consumerMedian = null;
        Long consumerP99 = null;
        Long confirmMedian = null;
        Long confirmP99 = null;
        for (String line : output.split("\n")) {
            // the summary lines come last; per-second lines ("time 1.001 s, sent: ...") are not summaries
            if (line.contains(", time ")) {
                continue;
            }
            Matcher m = SENDING.matcher(line);
            if (m.find()) {
                sending = Double.parseDouble(m.group(1));
            }
            m = RECEIVING.matcher(line);
            if (m.find()) {
                receiving = Double.parseDouble(m.group(1));
            }
            m = CONSUMER.matcher(line);
            if (m.find()) {
                consumerMedian = Long.parseLong(m.group(2));
                consumerP99 = Long.parseLong(m.group(5));
            }
            m = CONFIRM.matcher(line);
            if (m.find()) {
                confirmMedian = Long.parseLong(m.group(2));
                confirmP99 = Long.parseLong(m.group(5));
            }
        }
        return new PerfTestOutput(sending, receiving, consumerMedian, consumerP99, confirmMedian, confirmP99);
    }
}
