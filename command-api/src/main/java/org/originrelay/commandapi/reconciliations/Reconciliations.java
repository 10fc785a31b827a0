package org.originrelay.commandapi.reconciliations;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.originrelay.contracts.operations.OperationsContract;
import org.originrelay.contracts.reconciliation.ReconciliationCompleted;
import org.originrelay.contracts.reconciliation.ReconciliationContract;
import org.originrelay.contracts.reconciliation.ReconciliationRequested;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.outbox.Outbox;
import org.originrelay.messaging.outbox.OutboxMessage;
import org.originrelay.messaging.topology.MessagingNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Operators' reconciliations: a request is stored and forwarded to the registry-connector through the
 * outbox in one transaction ({@code reconciliation.requested} on {@code relay.operations}); the connector's
 * {@code reconciliation.completed} ends it. Table {@code reconciliation_request}.
 */
@Service
public class Reconciliations {

    static final String REQUESTED_TYPE = "ReconciliationRequested";
    private static final Logger log = LoggerFactory.getLogger(Reconciliations.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final MessagingNames names;

    public Reconciliations(JdbcClient jdbc, Outbox outbox, MessagingNames names) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.names = names;
    }

    @Transactional
    public Reconciliation request(UUID certificateId, String operator) {
        UUID reconciliationId = UUID.randomUUID();
        jdbc.sql("""
                insert into reconciliation_request (reconciliation_id, certificate_id, requested_by, status)
                values (:id, :certificateId, :operator, 'REQUESTED')
                """)
                .param("id", reconciliationId).param("certificateId", certificateId).param("operator", operator)
                .update();
        byte[] body = JSON.writeValueAsString(new ReconciliationRequested(reconciliationId, certificateId, operator))
                .getBytes(StandardCharsets.UTF_8);
        UUID messageId = UUID.randomUUID();
        outbox.append(new OutboxMessage(messageId.toString(), names.exchange(OperationsContract.EXCHANGE),
                ReconciliationContract.RECONCILIATION_REQUESTED, REQUESTED_TYPE, reconciliationId.toString(),
                Map.of(RelayHeaders.SCHEMA_VERSION, ReconciliationContract.SCHEMA_VERSION,
                        RelayHeaders.CAUSATION_ID, messageId.toString()),
                body));
        log.info("Reconciliation {} of certificate {} requested by {}", reconciliationId, certificateId, operator);
        return find(reconciliationId);
    }

    public Reconciliation find(UUID reconciliationId) {
        return jdbc.sql("""
                select reconciliation_id, certificate_id, status, differences::text as differences, requested_by,
                       requested_at, completed_at
                from reconciliation_request where reconciliation_id = :id
                """)
                .param("id", reconciliationId)
                .query(Reconciliations::reconciliation)
                .optional()
                .orElseThrow(() -> new UnknownReconciliation(reconciliationId));
    }

    /** The connector's answer; an answer to a request not made here, or a second answer, changes nothing. */
    @Transactional
    public void completed(ReconciliationCompleted answer) {
        int changed = jdbc.sql("""
                update reconciliation_request set status = :status, differences = cast(:differences as jsonb),
                       completed_at = now()
                where reconciliation_id = :id and status = 'REQUESTED'
                """)
                .param("status", answer.outcome().name())
                .param("differences", JSON.writeValueAsString(answer.differences()))
                .param("id", answer.reconciliationId())
                .update();
        if (changed == 1) {
            log.info("Reconciliation {} of certificate {}: {}", answer.reconciliationId(), answer.certificateId(),
                    answer.outcome());
        }
    }

    private static Reconciliation reconciliation(ResultSet row, int rowNumber) throws SQLException {
        OffsetDateTime completedAt = row.getObject("completed_at", OffsetDateTime.class);
        List<String> differences = List.of(JSON.readValue(row.getString("differences"), String[].class));
        return new Reconciliation(row.getObject("reconciliation_id", UUID.class),
                row.getObject("certificate_id", UUID.class), row.getString("status"), differences,
                row.getString("requested_by"), row.getObject("requested_at", OffsetDateTime.class).toInstant(),
                completedAt == null ? null : completedAt.toInstant());
    }
}
