package dev.realtime.chat.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.realtime.chat.support.cassandra.CassandraSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

class CassandraSchemaTests {

    @Test
    void everyStatementNamesTheKeyspace() {
        List<String> statements = CassandraSchema.statements("chat_test_1", "{'class': 'SimpleStrategy', 'replication_factor': 1}");
        assertThat(statements).first().asString().startsWith("CREATE KEYSPACE IF NOT EXISTS chat_test_1");
        assertThat(statements).hasSizeGreaterThan(8)
                .allSatisfy(statement -> assertThat(statement).contains("chat_test_1").doesNotContain("${").doesNotContain(";"));
        assertThat(statements).anySatisfy(statement -> assertThat(statement).startsWith("CREATE TABLE IF NOT EXISTS chat_test_1.messages ("));
    }

    @Test
    void refusesKeyspaceNamesThatCouldInjectCql() {
        assertThatIllegalArgumentException().isThrownBy(() -> CassandraSchema.statements("x; DROP KEYSPACE chat", "{}"));
    }
}
