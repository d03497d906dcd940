package dev.realtime.chat.loadtest.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the acked-messages file written by the simulation: one message per line,
 * {@code conversationId TAB seq TAB messageId TAB clientMessageId TAB deliveredToAll(1|0)}.
 */
public final class AckedFile {

    private AckedFile() {
    }

    public static List<AckedMessage> read(Path file) {
        List<AckedMessage> messages = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                messages.add(parseLine(line, number));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return messages;
    }

    static AckedMessage parseLine(String line, int number) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 5) {
            throw new IllegalArgumentException("line " + number + ": expected 5 tab-separated fields, got "
                    + fields.length);
        }
        long seq;
        try {
            seq = Long.parseLong(fields[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("line " + number + ": seq is not a number");
        }
        if (seq < 1 || fields[0].isEmpty() || fields[2].isEmpty()) {
            throw new IllegalArgumentException("line " + number + ": needs a conversation id, a seq >= 1 and a "
                    + "message id");
        }
        return new AckedMessage(fields[0], seq, fields[2], fields[3], fields[4].equals("1"));
    }
}
