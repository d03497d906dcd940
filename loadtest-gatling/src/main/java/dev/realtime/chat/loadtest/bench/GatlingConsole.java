package dev.realtime.chat.loadtest.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the request counters out of what Gatling prints on stdout: the last {@code ---- Requests ----} block of
 * the periodic console summary (one line per request name, {@code Global} for all), the final
 * {@code > request count} line of the global statistics, and the last {@code ---- Errors ----} block
 * ({@code > message   12 (100.0%)}). Gatling 3.15 prints tables ({@code > Global | 4,121 | 4,121 | 0}, {@code -}
 * for none); older versions {@code > Global (OK=120 KO=0 )}: both are read.
 */
public final class GatlingConsole {

    private static final String N = "([\\d,]+|-)";
    /** {@code > name | total | ok | ko} (Gatling 3.15) or {@code > name (OK=1 KO=0 )}. */
    private static final Pattern TABLE_ROW = Pattern.compile("^> (.+?)\\s*\\|\\s*" + N + "\\s*\\|\\s*" + N
            + "\\s*\\|\\s*" + N + "\\s*$");
    private static final Pattern OLD_ROW = Pattern.compile("^> (.+?)\\s+(?:" + N + "\\s+)?\\(OK=" + N + "\\s+KO="
            + N + "\\s*\\)\\s*$");
    private static final Pattern ERROR_ROW = Pattern.compile("^> (.+?)\\s+([\\d,]+)\\s+\\(\\s*[\\d.,]+\\s*%\\)\\s*$");

    /** OK and KO of one request name. */
    public record Counts(long ok, long ko) {
    }

    /**
     * @param global all requests (null when Gatling printed no counters: it did not start or crashed)
     * @param requests per request name, from the last console summary
     * @param errors error message to count, from the last {@code ---- Errors ----} block
     */
    public record Summary(Counts global, Map<String, Counts> requests, Map<String, Long> errors) {
    }

    private GatlingConsole() {
    }

    public static Summary parse(String text) {
        Map<String, Counts> requests = new LinkedHashMap<>();
        Map<String, Long> errors = new LinkedHashMap<>();
        Counts global = null;
        Counts requestCount = null;
        String block = "";
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("---- ")) {
                block = line.replaceFirst("^-+", "").replaceFirst("-*(\\|.*)?$", "").trim();
                if (block.equals("Requests")) {
                    requests.clear();
                    global = null;
                } else if (block.equals("Errors")) {
                    errors.clear();
                }
                continue;
            }
            if (line.startsWith("====")) {
                block = "";
                continue;
            }
            if (block.equals("Global Information") || block.equals("Requests")) {
                Matcher table = TABLE_ROW.matcher(line);
                Matcher old = OLD_ROW.matcher(line);
                String name;
                Counts counts;
                if (table.matches()) {
                    name = table.group(1).trim();
                    counts = new Counts(number(table.group(3)), number(table.group(4)));
                } else if (old.matches()) {
                    name = old.group(1).trim();
                    counts = new Counts(number(old.group(3)), number(old.group(4)));
                } else {
                    continue;
                }
                if (block.equals("Global Information")) {
                    if (name.equalsIgnoreCase("request count")) {
                        requestCount = counts;
                    }
                } else if (name.equals("Global")) {
                    global = counts;
                } else {
                    requests.put(name, counts);
                }
            } else if (block.equals("Errors")) {
                Matcher row = ERROR_ROW.matcher(line);
                if (row.matches()) {
                    errors.merge(row.group(1).trim(), number(row.group(2)), Long::sum);
                }
            }
        }
        return new Summary(requestCount != null ? requestCount : global, requests, errors);
    }

    private static long number(String value) {
        return value == null || value.equals("-") ? 0 : Long.parseLong(value.replace(",", ""));
    }
}
