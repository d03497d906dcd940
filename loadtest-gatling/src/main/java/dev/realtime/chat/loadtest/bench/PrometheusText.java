package dev.realtime.chat.loadtest.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads samples out of a Prometheus text exposition (what {@code /actuator/prometheus} answers). */
public final class PrometheusText {

    private final Map<String, Double> samples;

    private PrometheusText(Map<String, Double> samples) {
        this.samples = samples;
    }

    /** Keys are the sample as written before the value: {@code name{labels}} or {@code name}. */
    public static PrometheusText parse(String text) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int split = line.lastIndexOf('}');
            int valueStart = split >= 0 ? line.indexOf(' ', split) : line.indexOf(' ');
            if (valueStart < 0) {
                continue;
            }
            String key = line.substring(0, valueStart).trim();
            String[] rest = line.substring(valueStart).trim().split("\\s+");
            try {
                samples.put(key, Double.parseDouble(rest[0]));
            } catch (NumberFormatException e) {
                // NaN/Inf are parsed by Double; anything else is not a sample
            }
        }
        return new PrometheusText(samples);
    }

    /** Sum of every series of {@code name} (all label sets), or null when absent. */
    public Double sum(String name) {
        Double total = null;
        for (Map.Entry<String, Double> entry : samples.entrySet()) {
            if (nameOf(entry.getKey()).equals(name)) {
                total = (total == null ? 0 : total) + entry.getValue();
            }
        }
        return total;
    }

    /** Sum of the series of {@code name} whose labels contain {@code label} (e.g. {@code area="heap"}), or null. */
    public Double sumWhere(String name, String label) {
        Double total = null;
        for (Map.Entry<String, Double> entry : samples.entrySet()) {
            String key = entry.getKey();
            if (nameOf(key).equals(name) && key.contains(label) && !entry.getValue().isNaN()) {
                total = (total == null ? 0 : total) + entry.getValue();
            }
        }
        return total;
    }

    /** Largest value of any series of {@code name}, or null. */
    public Double max(String name) {
        Double max = null;
        for (Map.Entry<String, Double> entry : samples.entrySet()) {
            if (nameOf(entry.getKey()).equals(name) && !entry.getValue().isNaN()) {
                max = max == null ? entry.getValue() : Math.max(max, entry.getValue());
            }
        }
        return max;
    }

    /** Largest value of the series of {@code name} with label {@code quantile="<q>"}, or null. */
    public Double quantile(String name, String quantile) {
        Double max = null;
        for (Map.Entry<String, Double> entry : samples.entrySet()) {
            String key = entry.getKey();
            if (nameOf(key).equals(name) && key.contains("quantile=\"" + quantile + "\"")
                    && !entry.getValue().isNaN()) {
                max = max == null ? entry.getValue() : Math.max(max, entry.getValue());
            }
        }
        return max;
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }

    private static String nameOf(String key) {
        int brace = key.indexOf('{');
        return brace < 0 ? key : key.substring(0, brace);
    }
}
