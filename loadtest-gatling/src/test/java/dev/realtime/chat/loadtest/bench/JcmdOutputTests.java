package dev.realtime.chat.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JcmdOutputTests {

    /** What {@code jcmd <pid> -f} printed for GC.run, GC.heap_info, GC.class_histogram on a gateway (shortened). */
    static final String G1 = """
            6419:
            Command executed successfully
             garbage-first heap   total 262144K, used 37783K [0x00000000d0000000, 0x0000000100000000)
              region size 1024K, 1 young (1024K), 0 survivors (0K)
             Metaspace       used 83191K, committed 83904K, reserved 1179648K
              class space    used 11036K, committed 11392K, reserved 1048576K
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:        131348        8661560  [B (java.base@17.0.15)
               2:        120589        2894136  java.lang.String (java.base@17.0.15)
               3:            10            480  dev.realtime.chat.gateway.session.LocalSessions
               4:             2             96  java.lang.String (java.base@17.0.15)
            Total        251949       11556272
            """;

    @Test
    void readsTheG1HeapLineButNotMetaspace() {
        JcmdOutput.Heap heap = JcmdOutput.parseHeapInfo(G1);

        assertThat(heap.usedKb()).isEqualTo(37_783);
        assertThat(heap.committedKb()).isEqualTo(262_144);
    }

    @Test
    void sumsTheGenerationsOfParallelAndSerialAndReadsZgc() {
        String parallel = """
                 PSYoungGen      total 76288K, used 3932K [0x000000076b400000, 0x0000000770900000, 0x00000007c0000000)
                  eden space 65536K, 6% used [0x000000076b400000,0x000000076b7d7090,0x000000076f400000)
                 ParOldGen       total 175104K, used 1200K [0x00000006c1c00000, 0x00000006cc700000, 0x000000076b400000)
                 Metaspace       used 5000K, committed 5200K, reserved 1056768K
                """;
        String serial = """
                 def new generation   total 9216K, used 1000K [0x00000000fec00000, 0x00000000ff600000)
                 tenured generation   total 20480K, used 500K [0x00000000ff600000, 0x0000000100000000)
                """;
        String zgc = " ZHeap           used 8M, capacity 256M, max capacity 4096M\n Metaspace       used 5000K\n";

        assertThat(JcmdOutput.parseHeapInfo(parallel)).isEqualTo(new JcmdOutput.Heap(5132, 251_392));
        assertThat(JcmdOutput.parseHeapInfo(serial)).isEqualTo(new JcmdOutput.Heap(1500, 29_696));
        assertThat(JcmdOutput.parseHeapInfo(zgc)).isEqualTo(new JcmdOutput.Heap(8192, 262_144));
        assertThat(JcmdOutput.parseHeapInfo("6419:\ncom.sun.tools.attach.AttachNotSupportedException\n")).isNull();
    }

    @Test
    void readsTheClassHistogramMergingClassesOfTwoLoaders() {
        JcmdOutput.Histogram histogram = JcmdOutput.parseClassHistogram(G1);

        assertThat(histogram.totalInstances()).isEqualTo(251_949);
        assertThat(histogram.totalBytes()).isEqualTo(11_556_272);
        assertThat(histogram.classes()).containsKeys("[B", "java.lang.String",
                "dev.realtime.chat.gateway.session.LocalSessions");
        assertThat(histogram.classes().get("java.lang.String"))
                .isEqualTo(new JcmdOutput.ClassRow("java.lang.String", 120_591, 2_894_232));
        assertThat(JcmdOutput.parseClassHistogram("no histogram here")).isNull();
    }

    @Test
    void topGrowthRanksClassesByAddedBytes() {
        JcmdOutput.Histogram before = JcmdOutput.parseClassHistogram("""
                   1:        100        1000  [B (java.base@17.0.15)
                   2:         10         240  java.lang.String (java.base@17.0.15)
                   3:          5         500  java.util.HashMap (java.base@17.0.15)
                Total        115        1740
                """);
        JcmdOutput.Histogram after = JcmdOutput.parseClassHistogram("""
                   1:        300        9000  [B (java.base@17.0.15)
                   2:         20         480  java.lang.String (java.base@17.0.15)
                   3:          1         100  java.util.HashMap (java.base@17.0.15)
                   4:         50        2000  org.apache.tomcat.websocket.WsSession
                Total        371       11580
                """);

        List<JcmdOutput.Growth> top = JcmdOutput.topGrowth(before, after, 2);

        assertThat(top).containsExactly(new JcmdOutput.Growth("[B", 200, 8000),
                new JcmdOutput.Growth("org.apache.tomcat.websocket.WsSession", 50, 2000));
        assertThat(JcmdOutput.topGrowth(before, after, 10)).extracting(JcmdOutput.Growth::className)
                .containsExactly("[B", "org.apache.tomcat.websocket.WsSession", "java.lang.String");
    }

    @Test
    void readsARealHistogram() throws Exception {
        // the shape of a full JDK 17 histogram: thousands of rows, hidden classes with slashes, a Total line
        StringBuilder text = new StringBuilder(" num     #instances         #bytes  class name (module)\n"
                + "-------------------------------------------------------\n");
        long bytes = 0;
        for (int i = 1; i <= 3000; i++) {
            text.append(String.format("%5d:        %6d        %7d  dev.x.Lambda$%d/0x0000000801%05d%n", i, i, i * 16,
                    i, i));
            bytes += i * 16L;
        }
        text.append("Total        4501500       ").append(bytes).append('\n');

        JcmdOutput.Histogram histogram = JcmdOutput.parseClassHistogram(text.toString());

        assertThat(histogram.classes()).hasSize(3000);
        assertThat(histogram.totalBytes()).isEqualTo(bytes);
    }
}
