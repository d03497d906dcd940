package dev.realtime.chat.gateway.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.chat.gateway.system.ApiException;
import dev.realtime.chat.model.wire.Credentials;
import dev.realtime.chat.model.wire.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsernamePolicyTests {

    @ParameterizedTest
    @ValueSource(strings = { "bob", "alice_1", "a.b-c", "abcdefghijklmnopqrstuvwxyz012345" })
    void acceptsUsernamesOf3To32AllowedCharacters(String username) {
        assertThatCode(() -> UsernamePolicy.checkRegistration(new Credentials(username, "password1")))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "ab", "Alice", "al ice", "al@ce", "abcdefghijklmnopqrstuvwxyz0123456", "ålice" })
    void refusesOtherUsernames(String username) {
        assertThatThrownBy(() -> UsernamePolicy.checkRegistration(new Credentials(username, "password1")))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("username");
    }

    @Test
    void refusesPasswordsShorterThan8OrLongerThan72Bytes() {
        assertThatThrownBy(() -> UsernamePolicy.checkRegistration(new Credentials("alice", "1234567")))
                .hasMessageContaining("at least 8");
        assertThatThrownBy(() -> UsernamePolicy.checkRegistration(new Credentials("alice", null)))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> UsernamePolicy.checkRegistration(new Credentials("alice", "x".repeat(73))))
                .hasMessageContaining("72 bytes");
        assertThatCode(() -> UsernamePolicy.checkRegistration(new Credentials("alice", "12345678")))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAMissingBody() {
        assertThatThrownBy(() -> UsernamePolicy.checkRegistration(null)).isInstanceOf(ApiException.class);
    }

    @Test
    void lowercasesSearchPrefixesAndRefusesImpossibleOnes() {
        assertThat(UsernamePolicy.normalizePrefix(" Al ")).isEqualTo("al");
        assertThatThrownBy(() -> UsernamePolicy.normalizePrefix("")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> UsernamePolicy.normalizePrefix("a b")).isInstanceOf(ApiException.class);
    }

    @Test
    void thePrefixUpperBoundSortsAfterEveryUsernameCharacter() {
        for (char c : "abcdefghijklmnopqrstuvwxyz0123456789_.-".toCharArray()) {
            assertThat(String.valueOf(c).compareTo(UserRepository.PREFIX_UPPER_BOUND)).isNegative();
        }
    }
}
