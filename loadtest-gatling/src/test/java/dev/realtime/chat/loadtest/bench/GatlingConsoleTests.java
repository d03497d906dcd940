package dev.realtime.chat.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatlingConsoleTests {

    /** Gatling 3.15's console (as bench/connections.sh's Gatling log holds it), shortened. */
    static final String CONSOLE = """
            ========================================================================================================================
            2026-12-02 04:42:05 GMT                                                                              19s elapsed
            ---- Requests -----------------------------------------------------------------------|---Total---|-----OK----|----KO----
            > Global                                                                             |        11 |        10 |         1
            > ws.connect                                                                         |         6 |         5 |         1
            ---- Errors ------------------------------------------------------------------------------------------------------------
            > Premature close                                                                                             1 (100.0%)
            ========================================================================================================================
            ========================================================================================================================
            2026-12-02 04:43:05 GMT                                                                              79s elapsed
            ---- Requests -----------------------------------------------------------------------|---Total---|-----OK----|----KO----
            > Global                                                                             |     4,124 |     4,121 |         3
            > auth.register                                                                      |        40 |        40 |         0
            > ws.connect                                                                         |       401 |       400 |         1
            > stomp.server-heartbeat                                                             |         2 |         - |         2

            ---- Errors ------------------------------------------------------------------------------------------------------------
            > no frame or heart-beat from the server for 31000 ms                                                         2 (66.67%)
            > Premature close                                                                                             1 (33.33%)

            ---- connections -------------------------------------------------------------------------------------------------------
            [###############################################################################################################]   100%
                      waiting:         0 / active:         0  / done:       400
            ========================================================================================================================
            """;

    @Test
    void takesTheLastSummaryOfRequestsAndErrors() {
        GatlingConsole.Summary summary = GatlingConsole.parse(CONSOLE);

        assertThat(summary.global()).isEqualTo(new GatlingConsole.Counts(4121, 3));
        assertThat(summary.requests()).containsOnlyKeys("auth.register", "ws.connect", "stomp.server-heartbeat");
        assertThat(summary.requests().get("ws.connect")).isEqualTo(new GatlingConsole.Counts(400, 1));
        assertThat(summary.requests().get("stomp.server-heartbeat")).isEqualTo(new GatlingConsole.Counts(0, 2));
        assertThat(summary.errors()).containsEntry("no frame or heart-beat from the server for 31000 ms", 2L)
                .containsEntry("Premature close", 1L).hasSize(2);
    }

    @Test
    void theFinalRequestCountWinsOverThePeriodicSummary() {
        GatlingConsole.Summary summary = GatlingConsole.parse(CONSOLE + """
                ========================================================================================================================
                ---- Global Information -------------------------------------------------------------|---Total---|-----OK----|----KO----
                > request count                                                                      |     4,125 |     4,121 |         4
                > min response time (ms)                                                             |         0 |         0 |         -
                ---- Response Time Distribution ----------------------------------------------------------------------------------------
                > OK: t < 50 ms                                                                                           3,021 (73.31%)
                > KO                                                                                                          4  (0.1%)
                ========================================================================================================================
                """);

        assertThat(summary.global()).isEqualTo(new GatlingConsole.Counts(4121, 4));
        assertThat(summary.errors()).hasSize(2);
    }

    @Test
    void readsTheOlderConsoleFormatToo() {
        GatlingConsole.Summary summary = GatlingConsole.parse("""
                ================================================================================
                ---- Requests ------------------------------------------------------------------
                > Global                                                   (OK=120    KO=2     )
                > ws.connect                                               (OK=40     KO=2     )
                ================================================================================
                ---- Global Information --------------------------------------------------------
                > request count                                        122 (OK=120    KO=2     )
                > min response time                                      0 (OK=0      KO=-     )
                ================================================================================
                """);

        assertThat(summary.global()).isEqualTo(new GatlingConsole.Counts(120, 2));
        assertThat(summary.requests()).containsEntry("ws.connect", new GatlingConsole.Counts(40, 2));
    }

    @Test
    void nothingPrintedMeansNoCounters() {
        GatlingConsole.Summary summary = GatlingConsole.parse("Exception in thread \"main\" java.lang.Error\n");

        assertThat(summary.global()).isNull();
        assertThat(summary.requests()).isEmpty();
        assertThat(summary.errors()).isEmpty();
    }
}
