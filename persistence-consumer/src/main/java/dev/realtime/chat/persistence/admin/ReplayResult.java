package dev.realtime.chat.persistence.admin;

/** Answer of a replay: how many dead letters went back to chat.persist and how many are left. */
public record ReplayResult(int replayed, long remaining) {
}
