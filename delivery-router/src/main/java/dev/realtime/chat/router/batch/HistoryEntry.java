package dev.realtime.chat.router.batch;

/** A message to append to its conversation's recent history: score {@code seq}, member {@code messageJson}. */
public record HistoryEntry(String conversationId, long seq, String messageJson) {
}
