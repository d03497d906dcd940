package dev.realtime.chat.persistence.write;

import dev.realtime.chat.model.wire.ChatMessage;
import java.util.List;

/** Turns validated messages into the Cassandra requests that store them; every request must be idempotent. */
public interface WritePlanner {

    List<WriteUnit> plan(List<ChatMessage> messages);
}
