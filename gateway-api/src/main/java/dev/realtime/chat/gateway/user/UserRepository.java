package dev.realtime.chat.gateway.user;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import dev.realtime.chat.gateway.system.CassandraClient;
import dev.realtime.chat.gateway.system.Futures;
import dev.realtime.chat.model.wire.UserSummary;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Repository;

/** Accounts in Cassandra: {@code users}, {@code users_by_name} (unique names, LWT), {@code usernames_by_initial}. */
@Repository
public class UserRepository {

    /** Sorts after every character a username may hold ({@code a-z 0-9 _ . -}). */
    static final String PREFIX_UPPER_BOUND = "~";

    private final CassandraClient cassandra;
    private final PreparedStatement insertUser;
    private final PreparedStatement deleteUser;
    private final PreparedStatement selectUser;
    private final PreparedStatement claimName;
    private final PreparedStatement selectIdByName;
    private final PreparedStatement insertInitial;
    private final PreparedStatement selectByPrefix;

    public UserRepository(CassandraClient cassandra) {
        this.cassandra = cassandra;
        insertUser = cassandra.prepare("INSERT INTO ${ks}.users (user_id, username, password_hash, created_at) "
                + "VALUES (?, ?, ?, ?)");
        deleteUser = cassandra.prepare("DELETE FROM ${ks}.users WHERE user_id = ?");
        selectUser = cassandra.prepare(
                "SELECT user_id, username, password_hash, created_at FROM ${ks}.users WHERE user_id = ?");
        claimName = cassandra.prepare(
                "INSERT INTO ${ks}.users_by_name (username, user_id) VALUES (?, ?) IF NOT EXISTS");
        selectIdByName = cassandra.prepare("SELECT user_id FROM ${ks}.users_by_name WHERE username = ?");
        insertInitial = cassandra.prepare(
                "INSERT INTO ${ks}.usernames_by_initial (initial, username, user_id) VALUES (?, ?, ?)");
        selectByPrefix = cassandra.prepare("SELECT username, user_id FROM ${ks}.usernames_by_initial "
                + "WHERE initial = ? AND username >= ? AND username < ? LIMIT ?");
    }

    public CompletableFuture<Void> insert(UserRecord user) {
        return cassandra.execute(insertUser.bind(user.userId(), user.username(), user.passwordHash(), user.createdAt()))
                .thenApply(rs -> null);
    }

    public CompletableFuture<Void> delete(String userId) {
        return cassandra.execute(deleteUser.bind(userId)).thenApply(rs -> null);
    }

    /** Claims a username with a lightweight transaction: true if this call got it. */
    public CompletableFuture<Boolean> claimName(String username, String userId) {
        return cassandra.one(claimName.bind(username, userId).setSerialConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL))
                .thenApply(row -> row.getBoolean("[applied]"));
    }

    /** Makes the user findable by prefix; idempotent. */
    public CompletableFuture<Void> index(String username, String userId) {
        return cassandra.execute(insertInitial.bind(username.substring(0, 1), username, userId)).thenApply(rs -> null);
    }

    /** The user id holding a name, or null. */
    public CompletableFuture<String> idByName(String username) {
        return cassandra.one(selectIdByName.bind(username))
                .thenApply(row -> row == null ? null : row.getString(0));
    }

    public CompletableFuture<UserRecord> find(String userId) {
        return cassandra.one(selectUser.bind(userId)).thenApply(row -> row == null ? null
                : new UserRecord(row.getString(0), row.getString(1), row.getString(2), row.getInstant(3)));
    }

    /** Users whose name starts with {@code prefix} (lowercase, valid characters), by name. */
    public CompletableFuture<List<UserSummary>> byPrefix(String prefix, int limit) {
        return cassandra.all(selectByPrefix.bind(prefix.substring(0, 1), prefix, prefix + PREFIX_UPPER_BOUND, limit))
                .thenApply(rows -> rows.stream()
                        .map(row -> new UserSummary(row.getString("user_id"), row.getString("username")))
                        .toList());
    }

    /** The subset of {@code userIds} that are accounts. */
    public CompletableFuture<Set<String>> existing(Collection<String> userIds) {
        List<CompletableFuture<String>> lookups = userIds.stream()
                .map(id -> cassandra.one(selectUser.bind(id)).thenApply(row -> row == null ? null : id))
                .toList();
        return Futures.all(lookups).thenApply(found -> {
            Set<String> existing = new LinkedHashSet<>();
            found.stream().filter(id -> id != null).forEach(existing::add);
            return existing;
        });
    }
}
