package dev.realtime.chat.gateway.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** A Lua script run by EVALSHA, loaded by EVAL when Redis does not know it (after a restart). */
public record LuaScript(String source, String sha) {

    public static LuaScript of(String source) {
        return new LuaScript(source, sha1(source));
    }

    public <T> CompletableFuture<T> run(RedisAsyncCommands<String, String> redis, ScriptOutputType type,
            String[] keys, String... args) {
        return redis.<T>evalsha(sha, type, keys, args).toCompletableFuture()
                .exceptionallyCompose(error -> isNoScript(error)
                        ? redis.<T>eval(source, type, keys, args).toCompletableFuture()
                        : CompletableFuture.failedFuture(error));
    }

    public static boolean isNoScript(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RedisNoScriptException
                || cause.getMessage() != null && cause.getMessage().startsWith("NOSCRIPT");
    }

    static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
