package dev.realtime.chat.gateway.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.chat.gateway.system.ApiException;
import org.junit.jupiter.api.Test;

class HistoryControllerTests {

    private final HistoryController controller = new HistoryController(null, new HistoryProperties(200, 50, 500, 500));

    @Test
    void withoutParametersAsksForTheNewestPage() {
        assertThat(controller.query(null, null, null)).isEqualTo(HistoryQuery.before(HistoryQuery.NEWEST, 50));
    }

    @Test
    void beforeAndAfterHaveTheirOwnDefaultLimits() {
        assertThat(controller.query("10", null, null)).isEqualTo(HistoryQuery.before(10, 50));
        assertThat(controller.query(null, "10", null)).isEqualTo(HistoryQuery.after(10, 500));
    }

    @Test
    void limitsAreClampedTo1To500() {
        assertThat(controller.query(null, "0", "100000").limit()).isEqualTo(500);
        assertThat(controller.query("5", null, "0").limit()).isEqualTo(1);
        assertThat(controller.query("5", null, "-3").limit()).isEqualTo(1);
    }

    @Test
    void refusesBadParameters() {
        assertThatThrownBy(() -> controller.query("1", "2", null)).isInstanceOf(ApiException.class)
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> controller.query("-1", null, null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> controller.query(null, "abc", null)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> controller.query(null, "1", "ten")).isInstanceOf(ApiException.class);
    }
}
