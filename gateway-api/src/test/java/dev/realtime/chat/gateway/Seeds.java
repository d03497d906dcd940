package dev.realtime.chat.gateway;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.realtime.chat.model.codec.JsonCodec;
import dev.realtime.chat.model.topology.RedisKeys;
import dev.realtime.chat.model.wire.ChatMessage;
import dev.realtime.chat.testsupport.ChatTestInfrastructure;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;

/** Writes what the delivery router (Redis) and the persistence consumer (Cassandra) would have written. */
public final class Seeds implements AutoCloseable {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    private final CqlSession session;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final RedisKeys keys;
    private final PreparedStatement insertMessage;
    private final PreparedStatement insertActivity;
    private final PreparedStatement insertReadMark;

    public Seeds(ChatTestInfrastructure infra) {
        this.session = infra.cqlSession();
        this.connection = infra.redisClient().connect();
        this.redis = connection.sync();
        this.keys = new RedisKeys(infra.redisKeyPrefix());
        String ks = infra.cassandraKeyspace();
        insertMessage = session.prepare("INSERT INTO " + ks + ".messages (conversation_id, bucket, seq, message_id, "
                + "sender_id, content, sent_at, client_message_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        insertActivity = session.prepare("INSERT INTO " + ks + ".conversation_activity (conversation_id, last_seq, "
                + "last_message_at) VALUES (?, ?, ?)");
        insertReadMark = session.prepare("INSERT INTO " + ks + ".read_marks (conversation_id, user_id, seq) "
                + "VALUES (?, ?, ?)");
    }

    public static ChatMessage message(String conversationId, long seq, String senderId) {
        return new ChatMessage(conversationId + "-m" + seq, conversationId, seq, senderId, "message " + seq,
                BASE.plusSeconds(seq), "client-" + seq);
    }

    public static List<ChatMessage> messages(String conversationId, long from, long to, String senderId) {
        return LongStream.rangeClosed(from, to).mapToObj(seq -> message(conversationId, seq, senderId)).toList();
    }

    public void cassandra(List<ChatMessage> messages) {
        messages.parallelStream().forEach(m -> session.execute(insertMessage.bind(m.conversationId(), m.seq() / 10_000,
                m.seq(), m.messageId(), m.senderId(), m.content(), m.sentAt(), m.clientMessageId())));
    }

    public void activity(String conversationId, long lastSeq, Instant lastMessageAt) {
        session.execute(insertActivity.bind(conversationId, lastSeq, lastMessageAt));
    }

    public void cassandraReadMark(String conversationId, String userId, long seq) {
        session.execute(insertReadMark.bind(conversationId, userId, seq));
    }

    @SuppressWarnings("unchecked")
    public void redisHistory(List<ChatMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        ScoredValue<String>[] values = messages.stream()
                .map(m -> ScoredValue.just(m.seq(), JsonCodec.toJson(m))).toArray(ScoredValue[]::new);
        redis.zadd(keys.conversationHistory(messages.get(0).conversationId()), values);
    }

    public void redisSeq(String conversationId, long seq) {
        redis.set(keys.conversationSeq(conversationId), Long.toString(seq));
    }

    public void redisReadMark(String conversationId, String userId, long seq) {
        redis.hset(keys.conversationReadMarks(conversationId), userId, Long.toString(seq));
    }

    public void presence(String userId, String status, Instant lastSeen) {
        redis.hset(keys.presence(userId), java.util.Map.of("status", status, "lastSeen", lastSeen.toString()));
    }

    public RedisCommands<String, String> redis() {
        return redis;
    }

    public RedisKeys keys() {
        return keys;
    }

    @Override
    public void close() {
        connection.close();
    }
}
