package dev.realtime.chat.support.cassandra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The statements of {@code db/cassandra/schema.cql} for one keyspace. */
public final class CassandraSchema {

    private static final Pattern KEYSPACE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,47}");

    private CassandraSchema() {
    }

    public static List<String> statements(String keyspace, String replication) {
        if (!KEYSPACE_NAME.matcher(keyspace).matches()) {
            throw new IllegalArgumentException("invalid keyspace name: " + keyspace);
        }
        String script = read().replace("${keyspace}", keyspace).replace("${replication}", replication);
        String withoutComments = Arrays.stream(script.split("\n"))
                .filter(line -> !line.strip().startsWith("--"))
                .reduce("", (a, b) -> a + b + "\n");
        return Arrays.stream(withoutComments.split(";\\s*\n"))
                .map(String::strip)
                .filter(statement -> !statement.isEmpty())
                .toList();
    }

    private static String read() {
        try (InputStream in = CassandraSchema.class.getResourceAsStream("/db/cassandra/schema.cql")) {
            if (in == null) {
                throw new IllegalStateException("db/cassandra/schema.cql is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
