package dev.realtime.chat.testsupport;

import com.datastax.oss.driver.api.core.CqlSession;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real RabbitMQ, Redis and Cassandra of a test JVM: the local ones first (standard ports, or
 * {@code CHAT_RABBIT_HOST/PORT}, {@code CHAT_REDIS_HOST/PORT}, {@code CHAT_CASSANDRA_CONTACT_POINT}), else
 * Testcontainers where a Docker engine answers, else a failure that names the command that starts them.
 *
 * <p>Each JVM isolates itself: its own RabbitMQ virtual host, Redis key prefix and Cassandra keyspace, so that
 * test runs (and modules built at the same time) never see each other's queues, keys or rows.
 */
public final class ChatTestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(ChatTestInfrastructure.class);
    private static volatile ChatTestInfrastructure instance;

    private final String runId;
    private final ServiceLocator.Endpoint rabbit;
    private final ServiceLocator.Endpoint redis;
    private final ServiceLocator.Endpoint cassandra;
    private final String rabbitVirtualHost;
    private volatile RedisClient redisClient;
    private volatile CqlSession cqlSession;

    private ChatTestInfrastructure(ServiceLocator locator) {
        this.runId = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT);
        this.rabbit = locator.rabbit();
        this.redis = locator.redis();
        this.cassandra = locator.cassandra();
        this.rabbitVirtualHost = RabbitVirtualHosts.create(rabbit, "chat-test-" + runId);
        log.info("Test infrastructure: RabbitMQ {} vhost {}, Redis {} prefix {}, Cassandra {} keyspace {}",
                rabbit, rabbitVirtualHost, redis, redisKeyPrefix(), cassandra, cassandraKeyspace());
        Runtime.getRuntime().addShutdownHook(new Thread(this::cleanUp, "chat-test-cleanup"));
    }

    /** The infrastructure of this JVM, located (or started) on first use. */
    public static ChatTestInfrastructure get() {
        ChatTestInfrastructure local = instance;
        if (local == null) {
            synchronized (ChatTestInfrastructure.class) {
                local = instance;
                if (local == null) {
                    local = new ChatTestInfrastructure(new ServiceLocator(System.getenv()));
                    instance = local;
                }
            }
        }
        return local;
    }

    /** A short id unique to this JVM, for names tests make up themselves. */
    public String runId() {
        return runId;
    }

    public String rabbitHost() {
        return rabbit.host();
    }

    public int rabbitPort() {
        return rabbit.port();
    }

    public String rabbitVirtualHost() {
        return rabbitVirtualHost;
    }

    public String redisHost() {
        return redis.host();
    }

    public int redisPort() {
        return redis.port();
    }

    public String redisKeyPrefix() {
        return "test-" + runId + ":";
    }

    public String cassandraContactPoint() {
        return cassandra.host() + ":" + cassandra.port();
    }

    public String cassandraKeyspace() {
        return "chat_test_" + runId;
    }

    /** Every property a service needs to use this infrastructure, as Spring Boot property names. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.rabbitmq.host", rabbit.host());
        properties.put("spring.rabbitmq.port", Integer.toString(rabbit.port()));
        properties.put("spring.rabbitmq.username", ServiceLocator.RABBIT_USER);
        properties.put("spring.rabbitmq.password", ServiceLocator.RABBIT_PASSWORD);
        properties.put("spring.rabbitmq.virtual-host", rabbitVirtualHost);
        properties.put("spring.data.redis.host", redis.host());
        properties.put("spring.data.redis.port", Integer.toString(redis.port()));
        properties.put("spring.cassandra.contact-points", cassandraContactPoint());
        properties.put("spring.cassandra.local-datacenter", "datacenter1");
        properties.put("chat.redis.key-prefix", redisKeyPrefix());
        properties.put("chat.cassandra.keyspace", cassandraKeyspace());
        properties.put("chat.cassandra.create-schema", "true");
        // Schema changes in tests: a short debounce makes CREATE TABLE fast.
        properties.put("spring.cassandra.request.timeout", "10s");
        return properties;
    }

    /** The same properties, for {@code @DynamicPropertySource}. */
    public void registerProperties(DynamicPropertyRegistry registry) {
        properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** Properties as {@code --name=value} arguments, for {@code SpringApplication.run(..., args)}. */
    public String[] asArguments(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(properties());
        all.putAll(extra);
        return all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    /** A connection factory of the AMQP client on this JVM's virtual host. */
    public com.rabbitmq.client.ConnectionFactory rabbitConnectionFactory() {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        factory.setHost(rabbit.host());
        factory.setPort(rabbit.port());
        factory.setUsername(ServiceLocator.RABBIT_USER);
        factory.setPassword(ServiceLocator.RABBIT_PASSWORD);
        factory.setVirtualHost(rabbitVirtualHost);
        factory.setConnectionTimeout(5_000);
        return factory;
    }

    /** A Lettuce client of the Redis server (shared; keys must start with {@link #redisKeyPrefix()}). */
    public RedisClient redisClient() {
        RedisClient local = redisClient;
        if (local == null) {
            synchronized (this) {
                if (redisClient == null) {
                    redisClient = RedisClient.create(RedisURI.builder().withHost(redis.host()).withPort(redis.port())
                            .withTimeout(Duration.ofSeconds(5)).build());
                }
                local = redisClient;
            }
        }
        return local;
    }

    /** A Cassandra session with no keyspace set: name tables as {@code cassandraKeyspace() + ".table"}. */
    public CqlSession cqlSession() {
        CqlSession local = cqlSession;
        if (local == null) {
            synchronized (this) {
                if (cqlSession == null) {
                    cqlSession = CassandraSessions.open(new InetSocketAddress(cassandra.host(), cassandra.port()));
                }
                local = cqlSession;
            }
        }
        return local;
    }

    private void cleanUp() {
        try {
            if (redisClient != null) {
                RedisKeyCleaner.deleteByPrefix(redisClient, redisKeyPrefix());
                redisClient.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            }
        } catch (RuntimeException e) {
            log.debug("Redis clean-up failed", e);
        }
        try {
            CqlSession session = cqlSession != null ? cqlSession
                    : CassandraSessions.open(new InetSocketAddress(cassandra.host(), cassandra.port()));
            session.execute("DROP KEYSPACE IF EXISTS " + cassandraKeyspace());
            session.close();
        } catch (RuntimeException e) {
            log.debug("Cassandra clean-up failed", e);
        }
        RabbitVirtualHosts.delete(rabbit, rabbitVirtualHost);
    }
}
