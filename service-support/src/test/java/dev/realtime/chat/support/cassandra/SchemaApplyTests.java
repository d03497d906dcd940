package dev.realtime.chat.support.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Applying one (idempotent) schema statement: its own timeout, and a timeout is retried, a bounded number of times. */
class SchemaApplyTests {

    private static final String STATEMENT = "CREATE TABLE IF NOT EXISTS chat.t (\n  id int PRIMARY KEY\n)";

    private final List<Statement<?>> executed = new ArrayList<>();

    private CqlSession sessionTimingOut(int times) {
        CqlSession session = mock(CqlSession.class);
        ResultSet ok = mock(ResultSet.class);
        when(session.execute(any(Statement.class))).thenAnswer(call -> {
            executed.add(call.getArgument(0));
            if (executed.size() <= times) {
                throw new DriverTimeoutException("Query timed out after PT5S");
            }
            return ok;
        });
        return session;
    }

    @Test
    void aStatementThatTimesOutIsAppliedAgainWithItsOwnTimeout() {
        CassandraSchemaAutoConfiguration.apply(sessionTimingOut(2), STATEMENT, Duration.ofSeconds(30), 4);

        assertThat(executed).hasSize(3).allSatisfy(statement -> {
            assertThat(((SimpleStatement) statement).getQuery()).isEqualTo(STATEMENT);
            assertThat(statement.getTimeout()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        assertThatThrownBy(() -> CassandraSchemaAutoConfiguration.apply(sessionTimingOut(10), STATEMENT,
                Duration.ofSeconds(1), 3))
                .isInstanceOf(DriverTimeoutException.class);
        assertThat(executed).hasSize(3);
    }
}
