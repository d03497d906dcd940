package dev.realtime.chat.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcStatTests {

    @Test
    void readsUtimeAndStimeAfterACommandWithSpacesAndParentheses() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 123 0 0 0 1500 250 0 0 20 0 40 0 9999 "
                + "100000 2000 18446744073709551615";

        ProcStat.Cpu cpu = ProcStat.parseProcessStat(stat);

        assertThat(cpu.userTicks()).isEqualTo(1500);
        assertThat(cpu.systemTicks()).isEqualTo(250);
        assertThat(cpu.totalTicks()).isEqualTo(1750);
    }

    @Test
    void readsVmRssInKilobytes() {
        assertThat(ProcStat.parseRssKb("Name:\tjava\nVmPeak:\t 100 kB\nVmRSS:\t  524288 kB\nThreads:\t40\n"))
                .isEqualTo(524_288);
        assertThat(ProcStat.parseRssKb("Name:\tkthreadd\n")).isEqualTo(-1);
    }

    @Test
    void readsNumericStatusFields() {
        String status = "Name:\tjava\nVmRSS:\t  446536 kB\nRssAnon:\t  421728 kB\nThreads:\t60\n";

        assertThat(ProcStat.statusKb(status, "VmRSS")).isEqualTo(446_536L);
        assertThat(ProcStat.statusKb(status, "RssAnon")).isEqualTo(421_728L);
        assertThat(ProcStat.statusKb(status, "Threads")).isEqualTo(60L);
        assertThat(ProcStat.statusKb(status, "VmSwap")).isNull();
    }

    @Test
    void readsTheSoftLimitOfOpenFiles() {
        String limits = """
                Limit                     Soft Limit           Hard Limit           Units
                Max processes             unlimited            unlimited            processes
                Max open files            20000                40000                files
                """;

        assertThat(ProcStat.maxOpenFiles(limits)).isEqualTo(20_000L);
        assertThat(ProcStat.maxOpenFiles("Max open files            unlimited            unlimited     files"))
                .isNull();
        assertThat(ProcStat.maxOpenFiles("")).isNull();
    }

    @Test
    void readsMachineTotalsCountingIowaitAsIdle() {
        ProcStat.Machine machine = ProcStat.parseMachineStat("cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 1 2 3 4\n");

        assertThat(machine.totalTicks()).isEqualTo(1000);
        assertThat(machine.idleTicks()).isEqualTo(850);
    }

    @Test
    void rejectsWhatIsNotProcStat() {
        assertThatThrownBy(() -> ProcStat.parseProcessStat("garbage")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.parseMachineStat("intr 1 2")).isInstanceOf(IllegalArgumentException.class);
    }
}
