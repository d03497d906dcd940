package dev.realtime.chat.loadtest.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command line of the report tools: {@code --name value} pairs, and any number of {@code --note text}. */
record ReportArgs(Map<String, String> options, List<String> notes) {

    static ReportArgs parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--note")) {
                notes.add(args[i + 1]);
            } else {
                options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
            }
        }
        return new ReportArgs(options, notes);
    }
}
