package dev.realtime.chat.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.realtime.chat.model.wire.ApiError;
import dev.realtime.chat.model.wire.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

class JsonErrorControllerTests {

    private final JsonErrorController controller = new JsonErrorController();

    private ResponseEntity<ApiError> errorFor(Integer status) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/error");
        if (status != null) {
            request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, status);
            request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("secret detail"));
        }
        return controller.error(request);
    }

    @Test
    void containerErrorsAnswerTheProtocolShapeWithTheirStatus() {
        assertThat(errorFor(404).getBody()).isEqualTo(new ApiError(ErrorCode.NOT_FOUND, "not found"));
        assertThat(errorFor(415).getStatusCode().value()).isEqualTo(415);
        assertThat(errorFor(415).getBody().error()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(errorFor(401).getBody().error()).isEqualTo(ErrorCode.UNAUTHORIZED);
    }

    @Test
    void anErrorWithoutStatusIs500AndNeverShowsTheException() {
        ResponseEntity<ApiError> response = errorFor(null);

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(response.getBody().error()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(errorFor(500).getBody().message()).doesNotContain("secret");
    }
}
