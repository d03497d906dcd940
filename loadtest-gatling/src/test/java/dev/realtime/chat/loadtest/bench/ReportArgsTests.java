package dev.realtime.chat.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportArgsTests {

    @Test
    void pairsBecomeOptionsAndEveryNoteIsKeptInOrder() {
        ReportArgs args = ReportArgs.parse(new String[] { "--out-json", "a.json", "--note", "one", "--users", "5",
                "--note", "two", "--dangling" });
        assertThat(args.options()).containsExactly(java.util.Map.entry("out-json", "a.json"),
                java.util.Map.entry("users", "5"));
        assertThat(args.notes()).containsExactly("one", "two");
    }
}
