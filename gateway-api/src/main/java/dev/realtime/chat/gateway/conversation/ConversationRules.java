package dev.realtime.chat.gateway.conversation;

import dev.realtime.chat.gateway.system.ApiException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Validation of conversation requests (pure). */
public final class ConversationRules {

    static final int MAX_USER_ID_LENGTH = 64;

    private ConversationRules() {
    }

    /** The distinct ids, in order; @throws ApiException invalid_request on blank ids or too many */
    public static Set<String> memberIds(List<String> ids, int max) {
        Set<String> distinct = new LinkedHashSet<>();
        if (ids == null) {
            return distinct;
        }
        if (ids.size() > max) {
            throw ApiException.invalid("at most " + max + " member ids");
        }
        for (String id : ids) {
            if (id == null || id.isBlank() || id.length() > MAX_USER_ID_LENGTH) {
                throw ApiException.invalid("member ids must be non-empty user ids");
            }
            distinct.add(id.strip());
        }
        return distinct;
    }

    /** The stripped group name; @throws ApiException invalid_request when missing or too long */
    public static String groupName(String name, int maxLength) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()) {
            throw ApiException.invalid("a group needs a name");
        }
        if (stripped.codePointCount(0, stripped.length()) > maxLength) {
            throw ApiException.invalid("a group name has at most " + maxLength + " characters");
        }
        return stripped;
    }
}
