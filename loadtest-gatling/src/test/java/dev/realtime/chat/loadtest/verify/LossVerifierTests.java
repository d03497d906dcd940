package dev.realtime.chat.loadtest.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LossVerifierTests {

    @Test
    void readsDoubleDashOptions() {
        assertThat(LossVerifier.options(new String[] {"--acked", "a", "--out", "b", "--keyspace", "chat"}))
                .containsEntry("acked", "a").containsEntry("out", "b").containsEntry("keyspace", "chat");
    }

    @Test
    void requiresAckedAndOut() {
        assertThatThrownBy(() -> LossVerifier.options(new String[] {"--acked", "a"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--out");
        assertThatThrownBy(() -> LossVerifier.options(new String[] {"--acked"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usage");
    }
}
