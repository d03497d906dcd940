package dev.realtime.chat.gateway.system;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.realtime.chat.support.cassandra.ChatKeyspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The async Cassandra driver with this module's conventions: statements name the keyspace ({@code ${ks}} in the
 * CQL is replaced), every execution has a timeout, results are CompletableFutures that never block a thread.
 */
@Component
public class CassandraClient {

    private final CqlSession session;
    private final ChatKeyspace keyspace;
    private final Duration timeout;

    public CassandraClient(CqlSession session, ChatKeyspace keyspace, ApiProperties properties) {
        this.session = session;
        this.keyspace = keyspace;
        this.timeout = properties.cassandraTimeout();
    }

    /** Prepares once, at start (blocking is fine there). */
    public PreparedStatement prepare(String cql) {
        return session.prepare(cql.replace("${ks}", keyspace.name()));
    }

    public CompletableFuture<AsyncResultSet> execute(Statement<?> statement) {
        return execute(statement, timeout);
    }

    public CompletableFuture<AsyncResultSet> execute(Statement<?> statement, Duration statementTimeout) {
        CompletableFuture<AsyncResultSet> future;
        try {
            future = session.executeAsync(statement.setTimeout(statementTimeout)).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        // The driver honours the statement timeout; the extra margin only guards against a lost callback.
        return future.orTimeout(statementTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    }

    /** The first row, or null. */
    public CompletableFuture<Row> one(BoundStatement statement) {
        return execute(statement).thenApply(AsyncResultSet::one);
    }

    /** Every row of every page. */
    public CompletableFuture<List<Row>> all(BoundStatement statement) {
        return execute(statement).thenCompose(first -> collect(first, new ArrayList<>()));
    }

    private CompletableFuture<List<Row>> collect(AsyncResultSet page, List<Row> rows) {
        for (Row row : page.currentPage()) {
            rows.add(row);
        }
        if (!page.hasMorePages()) {
            return CompletableFuture.completedFuture(rows);
        }
        return page.fetchNextPage().toCompletableFuture()
                .orTimeout(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS)
                .thenCompose(next -> collect(next, rows));
    }

    public Duration timeout() {
        return timeout;
    }
}
