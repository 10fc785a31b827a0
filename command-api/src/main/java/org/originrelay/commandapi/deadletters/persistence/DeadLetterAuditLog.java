package org.originrelay.commandapi.deadletters.persistence;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.originrelay.commandapi.deadletters.AuditEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit of dead-letter operations, in the database: a row is written when an operation starts (so
 * even one that dies midway is on record) and completed when it ends.
 */
@Repository
public class DeadLetterAuditLog {

    /** The ids kept per entry; a larger operation keeps its first ones and says so. */
    static final int MAX_MESSAGE_IDS = 10_000;

    private final JdbcClient jdbc;

    DeadLetterAuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void started(UUID operationId, Instant at, String operator, String action, String queue,
            String selection, int planned) {
        jdbc.sql("""
                insert into dead_letter_audit (operation_id, started_at, operator, action, queue, selection, planned, status)
                values (:id, :at, :operator, :action, :queue, :selection, :planned, 'RUNNING')
                """)
                .param("id", operationId).param("at", Timestamp.from(at)).param("operator", operator)
                .param("action", action).param("queue", queue).param("selection", selection)
                .param("planned", planned)
                .update();
    }

    public void finished(UUID operationId, Instant at, int done, String status, String detail, List<String> messageIds) {
        List<String> kept = messageIds.size() <= MAX_MESSAGE_IDS ? messageIds : messageIds.subList(0, MAX_MESSAGE_IDS);
        jdbc.sql("""
                update dead_letter_audit set finished_at = :at, done = :done, status = :status, detail = :detail,
                       message_ids = :ids, message_ids_truncated = :truncated
                where operation_id = :id
                """)
                .param("id", operationId).param("at", Timestamp.from(at)).param("done", done)
                .param("status", status).param("detail", detail).param("ids", kept.toArray(String[]::new))
                .param("truncated", kept.size() < messageIds.size())
                .update();
    }

    /** Newest first; {@code messageId} (optional) finds the operations that moved that message. */
    public List<AuditEntry> recent(int limit, String queue, String messageId) {
        return jdbc.sql("""
                select * from dead_letter_audit
                where (cast(:queue as text) is null or queue = :queue)
                  and (cast(:messageId as text) is null or :messageId = any(message_ids))
                order by started_at desc, id desc limit :limit
                """)
                .param("queue", queue).param("messageId", messageId).param("limit", limit)
                .query(DeadLetterAuditLog::entry)
                .list();
    }

    private static AuditEntry entry(ResultSet row, int number) throws SQLException {
        Timestamp finished = row.getTimestamp("finished_at");
        Array ids = row.getArray("message_ids");
        return new AuditEntry(row.getObject("operation_id", UUID.class), row.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(), row.getString("operator"), row.getString("action"),
                row.getString("queue"), row.getString("selection"), row.getInt("planned"), row.getInt("done"),
                row.getString("status"), row.getString("detail"),
                ids == null ? List.of() : Arrays.asList((String[]) ids.getArray()),
                row.getBoolean("message_ids_truncated"));
    }
}
