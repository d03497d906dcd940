package dev.realtime.chat.support.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;

/**
 * Lettuce clients for hot paths that must never wait on a dead Redis: commands time out, commands issued while
 * disconnected are rejected at once (instead of queued), and the connection comes back by itself.
 */
public final class FailFastRedisClients {

    private FailFastRedisClients() {
    }

    public static RedisClient create(ClientResources resources, Duration commandTimeout, Duration connectTimeout) {
        RedisClient client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build())
                .build());
        return client;
    }
}
