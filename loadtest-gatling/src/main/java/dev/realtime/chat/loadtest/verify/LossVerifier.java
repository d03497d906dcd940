package dev.realtime.chat.loadtest.verify;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bench's loss check against Cassandra itself: reads the acked list a simulation wrote and checks every row
 * is in {@code chat.messages}, stored once. Writes the {@link VerificationResult} as JSON.
 *
 * <pre>
 * java -cp ... dev.realtime.chat.loadtest.verify.LossVerifier --acked FILE --out FILE
 *     [--contact-point 127.0.0.1:9042] [--datacenter datacenter1] [--keyspace chat] [--wait-seconds 60]
 * </pre>
 * Exit status 0 when nothing is lost or doubled, 1 when something is, 2 on bad usage.
 */
public final class LossVerifier {

    private LossVerifier() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println("LossVerifier: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path acked = Path.of(options.get("acked"));
        Path out = Path.of(options.get("out"));
        String[] contact = options.getOrDefault("contact-point", "127.0.0.1:9042").split(":");
        String datacenter = options.getOrDefault("datacenter", "datacenter1");
        String keyspace = options.getOrDefault("keyspace", "chat");
        Duration wait = Duration.ofSeconds(Long.parseLong(options.getOrDefault("wait-seconds", "60")));

        List<AckedMessage> messages = AckedFile.read(acked);
        VerificationResult result;
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(contact[0], Integer.parseInt(contact[1])))
                .withLocalDatacenter(datacenter)
                .build()) {
            PersistenceCheck check = new PersistenceCheck(new CassandraMessageStore(session, keyspace),
                    System::currentTimeMillis, d -> Thread.sleep(d.toMillis()));
            result = check.check(messages, wait, Duration.ofSeconds(1));
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (out.toAbsolutePath().getParent() != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
        }
        mapper.writeValue(out.toFile(), result);
        System.out.printf("verifier: acked=%d persisted=%d missing=%d mismatched=%d storedTwice=%d undelivered=%d "
                + "LOST=%d (waited %d ms)%n", result.acked(), result.persisted(), result.missing(), result.mismatched(),
                result.storedTwice(), result.undelivered(), result.lost(), result.waitedMillis());
        System.exit(result.lost() == 0 && result.storedTwice() == 0 ? 0 : 1);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: --acked FILE --out FILE [--contact-point HOST:PORT] "
                        + "[--datacenter DC] [--keyspace KS] [--wait-seconds N]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        if (!options.containsKey("acked") || !options.containsKey("out")) {
            throw new IllegalArgumentException("--acked and --out are required");
        }
        return options;
    }
}
