package dev.realtime.chat.persistence.write;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.RequestThrottlingException;
import com.datastax.oss.driver.api.core.connection.BusyConnectionException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.connection.ConnectionInitException;
import com.datastax.oss.driver.api.core.connection.HeartbeatException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Draws the line between "Cassandra is not there" (never costs a message its retry budget: it waits in the queue)
 * and "Cassandra said no" (retried with backoff, then dead-lettered). A client-side timeout counts as not there:
 * it is what a network partition looks like, and burning retries during an outage would dead-letter good messages.
 */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static FailureKind classify(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof AllNodesFailedException // includes NoNodeAvailableException
                || cause instanceof DriverTimeoutException
                || cause instanceof ClosedConnectionException
                || cause instanceof HeartbeatException
                || cause instanceof ConnectionInitException
                || cause instanceof BusyConnectionException
                || cause instanceof RequestThrottlingException
                || cause instanceof CallNotPermittedException
                || cause instanceof WriteNotAttemptedException
                || cause instanceof IOException
                || cause instanceof IllegalStateException && isSessionClosed(cause)) {
            return FailureKind.UNAVAILABLE;
        }
        return FailureKind.REJECTED;
    }

    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A short, safe description for the dead-letter reason header: the exception type and its first words. */
    public static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        String text = cause.getMessage() == null ? "" : ": " + cause.getMessage().replaceAll("\\s+", " ");
        String description = cause.getClass().getSimpleName() + text;
        return description.length() > 200 ? description.substring(0, 200) + "..." : description;
    }

    private static boolean isSessionClosed(Throwable cause) {
        return cause.getMessage() != null && cause.getMessage().contains("closed");
    }
}
