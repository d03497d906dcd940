package dev.realtime.chat.gateway.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.realtime.chat.gateway.system.ApiException;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.model.wire.ConversationType;
import dev.realtime.chat.model.wire.ConversationView;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationRulesTests {

    @Test
    void memberIdsAreDistinctAndInOrder() {
        assertThat(ConversationRules.memberIds(List.of("b", "a", "b"), 10)).containsExactly("b", "a");
        assertThat(ConversationRules.memberIds(null, 10)).isEmpty();
    }

    @Test
    void refusesBlankOrTooManyMemberIds() {
        assertThatThrownBy(() -> ConversationRules.memberIds(Arrays.asList("a", null), 10))
                .isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> ConversationRules.memberIds(List.of("a", " "), 10)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> ConversationRules.memberIds(List.of("a", "b", "c"), 2))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void aGroupNeedsANameOfBoundedLength() {
        assertThat(ConversationRules.groupName("  team  ", 10)).isEqualTo("team");
        assertThatThrownBy(() -> ConversationRules.groupName(null, 10)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> ConversationRules.groupName("   ", 10)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> ConversationRules.groupName("x".repeat(11), 10)).isInstanceOf(ApiException.class);
    }

    @Test
    void listingPutsTheNewestActivityFirst() {
        ConversationViews.Ranked old = ranked("1", Instant.parse("2026-01-01T00:00:00Z"));
        ConversationViews.Ranked recent = ranked("2", Instant.parse("2026-01-02T00:00:00Z"));
        ConversationViews.Ranked never = ranked("3", null);

        assertThat(List.of(old, never, recent).stream().sorted(ConversationViews.NEWEST_ACTIVITY_FIRST)
                .map(r -> r.view().id())).containsExactly("2", "1", "3");
    }

    private static ConversationViews.Ranked ranked(String id, Instant activity) {
        ChatMessage last = activity == null ? null : new ChatMessage("m", id, 1, "u", "x", activity, "c");
        return new ConversationViews.Ranked(
                new ConversationView(id, ConversationType.GROUP, "g", List.of("u"), 1, last, 0), activity);
    }
}
