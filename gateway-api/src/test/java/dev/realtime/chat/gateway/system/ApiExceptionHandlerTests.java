package dev.realtime.chat.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import dev.realtime.chat.gateway.conversation.MembershipUnavailableException;
import dev.realtime.chat.model.wire.ApiError;
import dev.realtime.chat.model.wire.ErrorCode;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

class ApiExceptionHandlerTests {

    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void cassandraFailuresAre503WithASafeMessage() {
        ResponseEntity<ApiError> timeout = handler.unexpected(
                new CompletionException(new DriverTimeoutException("Query timed out after PT2S: SELECT secret")));
        ResponseEntity<ApiError> down = handler.unexpected(new NoNodeAvailableException());

        for (ResponseEntity<ApiError> response : java.util.List.of(timeout, down)) {
            assertThat(response.getStatusCode().value()).isEqualTo(503);
            assertThat(response.getBody().error()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(response.getBody().message()).doesNotContain("SELECT").doesNotContain("Exception");
        }
    }

    @Test
    void apiExceptionsWrappedByFuturesKeepTheirCodeAndMessage() {
        ResponseEntity<ApiError> response = handler.unexpected(
                new CompletionException(ApiException.forbidden("you are not a member of this conversation")));

        assertThat(response.getStatusCode().value()).isEqualTo(403);
        assertThat(response.getBody()).isEqualTo(
                new ApiError(ErrorCode.FORBIDDEN, "you are not a member of this conversation"));
    }

    @Test
    void membershipUnavailableIs503() {
        ResponseEntity<ApiError> response = handler.unexpected(
                new CompletionException(new MembershipUnavailableException("c1", new IllegalStateException("x"))));

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getBody().message()).doesNotContain("c1");
    }

    @Test
    void unexpectedFailuresAre500WithoutTheirText() {
        ResponseEntity<ApiError> response = handler.unexpected(new NullPointerException("field x of secret y"));

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getBody()).isEqualTo(new ApiError(ErrorCode.UNAVAILABLE, "internal error"));
    }
}
