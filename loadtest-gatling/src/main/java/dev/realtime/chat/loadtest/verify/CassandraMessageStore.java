package dev.realtime.chat.loadtest.verify;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.List;

/** {@link MessageStore} over the DataStax driver: one range query per partition, paged by the driver. */
public final class CassandraMessageStore implements MessageStore {

    private final CqlSession session;
    private final PreparedStatement select;

    public CassandraMessageStore(CqlSession session, String keyspace) {
        if (!keyspace.matches("[A-Za-z0-9_]{1,48}")) {
            throw new IllegalArgumentException("bad keyspace name");
        }
        this.session = session;
        this.select = session.prepare("SELECT seq, message_id, client_message_id FROM " + keyspace
                + ".messages WHERE conversation_id = ? AND bucket = ? AND seq >= ? AND seq <= ?");
    }

    @Override
    public List<StoredRow> rows(String conversationId, long bucket, long fromSeq, long toSeq) {
        List<StoredRow> rows = new ArrayList<>();
        for (Row row : session.execute(select.bind(conversationId, bucket, fromSeq, toSeq).setPageSize(5000))) {
            rows.add(new StoredRow(row.getLong("seq"), row.getString("message_id"),
                    row.getString("client_message_id")));
        }
        return rows;
    }
}
