package dev.realtime.chat.model.topology;

/**
 * Every Redis key the services share, under a prefix (default {@code chat:}; tests use their own prefix so that
 * runs never disturb each other).
 */
public record RedisKeys(String prefix) {

    public static final RedisKeys DEFAULT = new RedisKeys("chat:");

    public RedisKeys {
        if (prefix == null) {
            throw new IllegalArgumentException("prefix must not be null");
        }
    }

    /** STRING counter: the last seq given out in a conversation (INCR). */
    public String conversationSeq(String conversationId) {
        return prefix + "conv:" + conversationId + ":seq";
    }

    /** SET of member user ids: a cache of Cassandra's membership, read on the send path. */
    public String conversationMembers(String conversationId) {
        return prefix + "conv:" + conversationId + ":members";
    }

    /** ZSET of recent messages (score = seq, member = Message JSON), trimmed to the newest N. */
    public String conversationHistory(String conversationId) {
        return prefix + "conv:" + conversationId + ":history";
    }

    /** HASH user id -> read watermark seq. */
    public String conversationReadMarks(String conversationId) {
        return prefix + "conv:" + conversationId + ":read";
    }

    /** STRING holding the ack of the first send of a clientMessageId, 24 h. */
    public String idempotency(String senderId, String clientMessageId) {
        return prefix + "idem:" + senderId + ":" + clientMessageId;
    }

    /** ZSET of gateway ids holding a session of the user (score = expiry, epoch millis). */
    public String userGateways(String userId) {
        return prefix + "user:" + userId + ":gateways";
    }

    /** HASH {status, lastSeen} of a user. */
    public String presence(String userId) {
        return prefix + "user:" + userId + ":presence";
    }

    /** ZSET of a user's conversation ids by last activity (score = epoch millis). */
    public String userConversations(String userId) {
        return prefix + "user:" + userId + ":conversations";
    }

    /** STRING with TTL, refreshed while the gateway lives. */
    public String gatewayAlive(String gatewayId) {
        return prefix + "gateway:" + gatewayId + ":alive";
    }

    /**
     * SET of the user ids the presence service has seen connect through a gateway (added on CONNECTED, removed on
     * DISCONNECTED): what the presence sweeper goes through when that gateway dies, instead of scanning every
     * user's session ZSET. Written by the presence service only.
     */
    public String gatewayUsers(String gatewayId) {
        return prefix + "gateway:" + gatewayId + ":users";
    }

    /** SET of gateway ids that registered at least once (for broadcast and presence sweeps). */
    public String gateways() {
        return prefix + "gateways";
    }
}
