package org.originrelay.messaging.consume;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Remembers which message ids each consumer has processed, inside the consumer's own transaction, so a
 * redelivered or replayed message is processed at most once. A concurrent duplicate waits on the first
 * one's uncommitted row and then sees it.
 */
public class ProcessedMessages {

    private final JdbcClient jdbc;

    public ProcessedMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the id; false when this consumer had already processed it (the caller then skips the work). */
    public boolean markProcessed(String consumer, String messageId) {
        return jdbc.sql("""
                insert into relay_processed_message (consumer, message_id) values (:consumer, :messageId)
                on conflict do nothing
                """)
                .param("consumer", consumer)
                .param("messageId", messageId)
                .update() == 1;
    }

    public int forgetOlderThan(Duration retention) {
        return jdbc.sql("delete from relay_processed_message where processed_at < :cutoff")
                .param("cutoff", Timestamp.from(Instant.now().minus(retention)))
                .update();
    }
}
