package dev.realtime.chat.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcReportTests {

    private static final String SAMPLES = String.join("\n",
            "1000\t_machine\t0\t10000\t8000",
            "1000\tgateway-1\t11\t100\t102400",
            "1000\tredis\t22\t50\t2048",
            "6000\t_machine\t0\t11000\t8500",
            "6000\tgateway-1\t11\t350\t204800",
            "6000\tredis\t22\t55\t2048",
            "11000\t_machine\t0\t12000\t9000",
            "11000\tgateway-1\t11\t600\t153600",
            "99000\tgateway-1\t11\t9999\t999999",
            "not a sample line");

    @Test
    void cpuPercentIsTicksOverElapsedTimeWhere100IsOneCore() {
        ProcReport.Report report = ProcReport.from(SAMPLES, 0, 20_000, 100);

        ProcReport.ProcessUsage gateway = report.processes().get(0);
        assertThat(gateway.name()).isEqualTo("gateway-1");
        assertThat(gateway.pid()).isEqualTo(11);
        assertThat(gateway.cpuSeconds()).isEqualTo(5.0);
        assertThat(gateway.cpuPercent()).isEqualTo(50.0);
        assertThat(gateway.rssMbMax()).isEqualTo(200.0);
        assertThat(gateway.rssMbLast()).isEqualTo(150.0);
        assertThat(gateway.samples()).isEqualTo(3);
        assertThat(report.processes().get(1).cpuPercent()).isEqualTo(1.0);
    }

    @Test
    void machineBusyIsTheNonIdleShareOfAllCores() {
        assertThat(ProcReport.from(SAMPLES, 0, 20_000, 100).machine().busyPercent()).isEqualTo(50.0);
    }

    @Test
    void samplesOutsideTheWindowAreIgnored() {
        ProcReport.Report report = ProcReport.from(SAMPLES, 5_000, 12_000, 100);

        assertThat(report.processes().get(0).cpuPercent()).isEqualTo(50.0);
        assertThat(report.processes().get(0).samples()).isEqualTo(2);
        assertThat(report.processes().get(1).cpuPercent()).isZero();
    }
}
