package dev.realtime.chat.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTests {

    private static final String SCRAPE = """
            # HELP chat_persist_lag_seconds time from send to stored
            # TYPE chat_persist_lag_seconds summary
            chat_persist_lag_seconds{application="persistence",quantile="0.5"} 0.012
            chat_persist_lag_seconds{application="persistence",quantile="0.99"} 0.080
            chat_persist_lag_seconds_count{application="persistence"} 1000.0
            chat_persist_lag_seconds_sum{application="persistence"} 15.5
            # TYPE chat_persist_lag_seconds_max gauge
            chat_persist_lag_seconds_max{application="persistence"} 0.25
            chat_persist_written_total{outcome="ok"} 990
            chat_persist_written_total{outcome="retried"} 10
            process_uptime_seconds 12.5
            """;

    @Test
    void sumsEverySeriesOfAName() {
        PrometheusText text = PrometheusText.parse(SCRAPE);

        assertThat(text.sum("chat_persist_lag_seconds_count")).isEqualTo(1000.0);
        assertThat(text.sum("chat_persist_written_total")).isEqualTo(1000.0);
        assertThat(text.sum("process_uptime_seconds")).isEqualTo(12.5);
        assertThat(text.sum("absent")).isNull();
    }

    @Test
    void readsQuantilesAndMax() {
        PrometheusText text = PrometheusText.parse(SCRAPE);

        assertThat(text.quantile("chat_persist_lag_seconds", "0.99")).isEqualTo(0.080);
        assertThat(text.quantile("chat_persist_lag_seconds", "0.95")).isNull();
        assertThat(text.max("chat_persist_lag_seconds_max")).isEqualTo(0.25);
    }

    @Test
    void emptyScrapeHasNoSamples() {
        assertThat(PrometheusText.parse("# only comments\n").isEmpty()).isTrue();
    }
}
