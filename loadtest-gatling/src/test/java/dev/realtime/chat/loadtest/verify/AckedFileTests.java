package dev.realtime.chat.loadtest.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AckedFileTests {

    @Test
    void readsEveryLineSkippingBlankOnes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("x.acked.raw");
        Files.writeString(file, "c1\t10001\tm1\tr.0.0.1\t1\n\nc2\t3\tm2\tr.1.0.1\t0\n");

        assertThat(AckedFile.read(file)).containsExactly(
                new AckedMessage("c1", 10001, "m1", "r.0.0.1", true),
                new AckedMessage("c2", 3, "m2", "r.1.0.1", false));
    }

    @Test
    void bucketIsSeqDividedByTenThousand() {
        assertThat(new AckedMessage("c", 9_999, "m", "x", true).bucket()).isZero();
        assertThat(new AckedMessage("c", 10_000, "m", "x", true).bucket()).isOne();
        assertThat(new AckedMessage("c", 25_001, "m", "x", true).bucket()).isEqualTo(2);
    }

    @Test
    void rejectsMalformedLinesNamingTheLine() {
        assertThatThrownBy(() -> AckedFile.parseLine("c1\t1\tm1", 7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 7");
        assertThatThrownBy(() -> AckedFile.parseLine("c1\tx\tm1\tc\t1", 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq");
        assertThatThrownBy(() -> AckedFile.parseLine("c1\t0\tm1\tc\t1", 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AckedFile.parseLine("c1\t5\t\tc\t1", 4))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
