package dev.realtime.chat.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PerfTestOutputTests {

    @Test
    void readsTheClosingSummaryNotThePerSecondLines() {
        String output = """
                id: hop1, time 1.001 s, sent: 4141 msg/s, confirmed: 3616 msg/s, nacked: 0 msg/s, received: 7666 \
                msg/s, min/median/75th/95th/99th consumer latency: 636/52808/111048/180459/195545 µs, confirm \
                latency: 477/33665/60638/107153/126699 µs
                test stopped (Reached time limit)
                id: hop1, sending rate avg: 4434 msg/s
                id: hop1, receiving rate avg: 8869 msg/s
                id: hop1, consumer latency min/median/75th/95th/99th 589/101220/158664/284317/341870 µs
                id: hop1, confirm latency min/median/75th/95th/99th 337/95931/167344/383606/455804 µs
                """;

        PerfTestOutput parsed = PerfTestOutput.parse(output);

        assertThat(parsed.sendingRate()).isEqualTo(4434.0);
        assertThat(parsed.receivingRate()).isEqualTo(8869.0);
        assertThat(parsed.consumerLatencyMedianMicros()).isEqualTo(101220);
        assertThat(parsed.consumerLatencyP99Micros()).isEqualTo(341870);
        assertThat(parsed.confirmLatencyMedianMicros()).isEqualTo(95931);
        assertThat(parsed.confirmLatencyP99Micros()).isEqualTo(455804);
    }

    @Test
    void outputWithoutSummaryHasNoRates() {
        PerfTestOutput parsed = PerfTestOutput.parse("Connection refused\n");

        assertThat(parsed.sendingRate()).isNull();
        assertThat(parsed.receivingRate()).isNull();
    }
}
