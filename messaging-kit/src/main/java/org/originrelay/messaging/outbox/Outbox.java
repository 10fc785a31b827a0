package org.originrelay.messaging.outbox;

import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transactional outbox: a message is written to {@code relay_outbox} in the same transaction as the
 * state change it announces, and published by the {@link OutboxRelay} after commit. So a change is never
 * published without being stored, nor stored without being published.
 */
public class Outbox {

    private static final JsonMapper HEADERS_JSON = JsonMapper.builder().build();
    // Built once: the mapper would resolve the map type and its (de)serializer for every row.
    private static final ObjectWriter HEADERS_WRITER = HEADERS_JSON.writerFor(Map.class);
    private static final ObjectReader HEADERS_READER = HEADERS_JSON.readerFor(HEADERS_JSON.getTypeFactory()
            .constructMapType(Map.class, String.class, Object.class));

    private final JdbcClient jdbc;
    private final OutboxRelay relay;
    private final TraceParents traceParents;

    public Outbox(JdbcClient jdbc, OutboxRelay relay) {
        this(jdbc, relay, TraceParents.NONE);
    }

    public Outbox(JdbcClient jdbc, OutboxRelay relay, TraceParents traceParents) {
        this.jdbc = jdbc;
        this.relay = relay;
        this.traceParents = traceParents;
    }

    /** Must be called inside a transaction; the message is published only if that transaction commits. */
    public void append(OutboxMessage message) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the outbox is written only inside the transaction of the change it announces");
        }
        jdbc.sql("""
                insert into relay_outbox (message_id, exchange, routing_key, message_type, correlation_id, headers, body, trace_parent)
                values (:messageId, :exchange, :routingKey, :type, :correlationId, :headers, :body, :traceParent)
                """)
                .param("messageId", message.messageId())
                .param("exchange", message.exchange())
                .param("routingKey", message.routingKey())
                .param("type", message.type())
                .param("correlationId", message.correlationId())
                .param("headers", HEADERS_WRITER.writeValueAsString(message.headers()))
                .param("body", message.body())
                .param("traceParent", traceParents.current())
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wakeUp();
            }
        });
    }

    static Map<String, Object> readHeaders(String json) {
        return HEADERS_READER.readValue(json);
    }
}
