package dev.realtime.chat.persistence.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import com.datastax.oss.driver.api.core.connection.ClosedConnectionException;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.WriteType;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailureClassifierTests {

    @Test
    void unreachableCassandraIsUnavailable() {
        assertThat(FailureClassifier.classify(new NoNodeAvailableException())).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(FailureClassifier.classify(new CompletionException(new ClosedConnectionException("gone"))))
                .isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(FailureClassifier.classify(new DriverTimeoutException("timeout")))
                .isEqualTo(FailureKind.UNAVAILABLE);
    }

    @Test
    void anAnswerWithAnErrorIsARejection() {
        assertThat(FailureClassifier.classify(new InvalidQueryException(null, "unconfigured table")))
                .isEqualTo(FailureKind.REJECTED);
        assertThat(FailureClassifier.classify(new WriteTimeoutException(null, ConsistencyLevel.ONE, 0, 1,
                WriteType.SIMPLE))).isEqualTo(FailureKind.REJECTED);
        assertThat(FailureClassifier.classify(new IllegalArgumentException("cannot bind")))
                .isEqualTo(FailureKind.REJECTED);
    }

    @Test
    void describesTheCauseShortly() {
        String description = FailureClassifier.describe(
                new CompletionException(new InvalidQueryException(null, "unconfigured\ntable " + "x".repeat(300))));
        assertThat(description).startsWith("InvalidQueryException: unconfigured table x").hasSize(203);
    }
}
