package dev.realtime.chat.gateway.event;

import dev.realtime.chat.gateway.redis.GatewayRedis;
import dev.realtime.chat.gateway.redis.LuaScript;
import dev.realtime.chat.model.topology.RedisKeys;
import io.lettuce.core.ScriptOutputType;
import java.util.concurrent.CompletableFuture;

/** Read watermarks: HASH {@code conv:<id>:read} field userId, only ever raised. */
class ReadMarks {

    /** KEYS[1] read marks hash; ARGV[1] user id, ARGV[2] seq. Returns 1 when raised. */
    static final LuaScript RAISE = LuaScript.of("""
            local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
            if tonumber(ARGV[2]) > current then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
              return 1
            end
            return 0
            """);

    private final GatewayRedis redis;
    private final RedisKeys keys;

    ReadMarks(GatewayRedis redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    CompletableFuture<Boolean> raise(String conversationId, String userId, long seq) {
        try {
            return RAISE.<Long>run(redis.async(), ScriptOutputType.INTEGER,
                    new String[] { keys.conversationReadMarks(conversationId) }, userId, Long.toString(seq))
                    .thenApply(raised -> raised != null && raised == 1L);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
