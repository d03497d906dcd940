package dev.realtime.chat.support.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.realtime.chat.support.config.ChatProperties;
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
                session.execute(statement);
            }
            log.info("Cassandra schema applied to keyspace {}", cassandra.keyspace());
        }
        return new ChatKeyspace(cassandra.keyspace());
    }
}
