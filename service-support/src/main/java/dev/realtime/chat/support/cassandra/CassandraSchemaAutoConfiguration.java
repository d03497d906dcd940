package dev.realtime.chat.support.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.realtime.chat.support.config.ChatProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.cassandra.CassandraAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Applies the schema at start when {@code chat.cassandra.create-schema} is true. The session Spring Boot builds
 * has no keyspace: every statement of this project names its keyspace ({@link ChatKeyspace}).
 */
@AutoConfiguration(after = CassandraAutoConfiguration.class)
@ConditionalOnClass(CqlSession.class)
@ConditionalOnBean(CqlSession.class)
public class CassandraSchemaAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CassandraSchemaAutoConfiguration.class);

    @Bean
    ChatKeyspace chatKeyspace(CqlSession session, ChatProperties properties) {
        ChatProperties.Cassandra cassandra = properties.cassandra();
        if (cassandra.createSchema()) {
            for (String statement : CassandraSchema.statements(cassandra.keyspace(), cassandra.replication())) {
                apply(session, statement, cassandra.schemaStatementTimeout(), cassandra.schemaAttempts());
            }
            log.info("Cassandra schema applied to keyspace {}", cassandra.keyspace());
        }
        return new ChatKeyspace(cassandra.keyspace());
    }

    /**
     * Every statement is idempotent ({@code IF NOT EXISTS}), so a timeout is retried. On a cold node, or with
     * several services applying the schema at once while they all start on a small machine, one DDL statement can
     * take longer than the driver's request timeout (5 s): give it its own, longer one.
     */
    static void apply(CqlSession session, String statement, Duration timeout, int attempts) {
        for (int attempt = 1; ; attempt++) {
            try {
                session.execute(SimpleStatement.newInstance(statement).setTimeout(timeout));
                return;
            } catch (DriverTimeoutException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                log.warn("Schema statement timed out after {} (attempt {} of {}), applying it again: {}", timeout,
                        attempt, attempts, firstLine(statement));
            }
        }
    }

    private static String firstLine(String statement) {
        int end = statement.indexOf('\n');
        return end < 0 ? statement : statement.substring(0, end);
    }
}
