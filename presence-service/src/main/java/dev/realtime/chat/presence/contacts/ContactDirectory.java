package dev.realtime.chat.presence.contacts;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Who sees a user's presence: everyone who shares a conversation with them. */
public interface ContactDirectory {

    /** The user's contacts, without the user. Fails when they cannot be read. */
    CompletableFuture<Set<String>> contactsOf(String userId);
}
