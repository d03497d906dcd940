package dev.realtime.chat.persistence.it;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.persistence.write.CassandraWritePlanner;
import dev.realtime.chat.persistence.write.WritePlanner;
import dev.realtime.chat.persistence.write.WriteUnit;
import dev.realtime.chat.support.cassandra.ChatKeyspace;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Test seam: a message of a "doomed" conversation is written with one request that the real Cassandra always
 * rejects (an INSERT into a table that does not exist: InvalidQueryException "unconfigured table") instead of
 * its real rows. Every other message is planned by the real planner.
 */
final class DoomingWritePlanner implements WritePlanner {

    static final Set<String> DOOMED = ConcurrentHashMap.newKeySet();

    private final WritePlanner delegate;
    private final ChatKeyspace keyspace;

    DoomingWritePlanner(WritePlanner delegate, ChatKeyspace keyspace) {
        this.delegate = delegate;
        this.keyspace = keyspace;
    }

    @Override
    public List<WriteUnit> plan(List<ChatMessage> messages) {
        List<ChatMessage> spared = messages.stream().filter(m -> !DOOMED.contains(m.conversationId())).toList();
        List<WriteUnit> units = new ArrayList<>(spared.isEmpty() ? List.of() : delegate.plan(spared));
        for (ChatMessage message : messages) {
            if (DOOMED.contains(message.conversationId())) {
                units.add(new WriteUnit(SimpleStatement.newInstance("INSERT INTO " + keyspace.table("no_such_table")
                        + " (id) VALUES (?)", message.messageId()).setIdempotent(true), List.of(message)));
            }
        }
        return units;
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        @Primary
        WritePlanner doomingWritePlanner(CassandraWritePlanner real, ChatKeyspace keyspace) {
            return new DoomingWritePlanner(real, keyspace);
        }
    }
}
