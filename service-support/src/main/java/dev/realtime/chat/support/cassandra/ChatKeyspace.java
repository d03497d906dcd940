package dev.realtime.chat.support.cassandra;

/** The keyspace every statement names, e.g. {@code keyspace.table("messages")} is {@code chat.messages}. */
public record ChatKeyspace(String name) {

    public String table(String table) {
        return name + "." + table;
    }
}
