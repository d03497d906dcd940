package dev.realtime.chat.loadtest.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientMessageIdsTests {

    @Test
    void formatsAndParsesRunSenderNumberAndSendTime() {
        String id = ClientMessageIds.format("r1", 17, 42, 1_764_637_200_123L);

        assertThat(id).isEqualTo("r1.17.42.1764637200123");
        assertThat(ClientMessageIds.parse(id))
                .isEqualTo(new ClientMessageIds.Parsed("r1", 17, 42, 1_764_637_200_123L));
    }

    @Test
    void idsOfOtherClientsParseToNull() {
        assertThat(ClientMessageIds.parse(null)).isNull();
        assertThat(ClientMessageIds.parse("6f1c7a3e-uuid")).isNull();
        assertThat(ClientMessageIds.parse("r.1.2")).isNull();
        assertThat(ClientMessageIds.parse("r.a.2.3")).isNull();
        assertThat(ClientMessageIds.parse("r.1.2.3.4")).isNull();
        assertThat(ClientMessageIds.parse(".1.2.3")).isNull();
        assertThat(ClientMessageIds.parse("r.-1.2.3")).isNull();
    }

    @Test
    void runIdMustNotContainTheSeparator() {
        assertThatThrownBy(() -> ClientMessageIds.format("a.b", 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClientMessageIds.format("", 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fitsTheProtocolLimitOf128Characters() {
        assertThat(ClientMessageIds.format("zzzzzzzz", Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE))
                .hasSizeLessThanOrEqualTo(128);
    }
}
