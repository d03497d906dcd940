package dev.realtime.chat.persistence.write;

import com.datastax.oss.driver.api.core.cql.Statement;
import dev.realtime.chat.model.wire.ChatMessage;
import java.util.List;

/** One Cassandra request and the messages it is part of: if it fails, each of them has failed. */
public record WriteUnit(Statement<?> statement, List<ChatMessage> messages) {

    public WriteUnit {
        messages = List.copyOf(messages);
    }
}
