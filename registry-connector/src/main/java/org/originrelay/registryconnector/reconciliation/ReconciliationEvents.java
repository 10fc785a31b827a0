package org.originrelay.registryconnector.reconciliation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.operations.OperationsContract;
import org.originrelay.contracts.reconciliation.CertificateReconciled;
import org.originrelay.contracts.reconciliation.CertificateReconciledJson;
import org.originrelay.contracts.reconciliation.ReconciliationCompleted;
import org.originrelay.contracts.reconciliation.ReconciliationCompleted.Outcome;
import org.originrelay.contracts.reconciliation.ReconciliationContract;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.outbox.Outbox;
import org.originrelay.messaging.outbox.OutboxMessage;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.registryconnector.reconciliation.ReconciliationStore.Due;
import org.springframework.stereotype.Component;

/**
 * Publishes through the outbox, in the caller's transaction: {@code certificate.reconciled} on the
 * certificate events exchange, and the answer to an operator's request on {@code relay.operations}. The
 * correlation id is the reconciliation id; the causation id is the message that asked for it (the
 * operator's request, or the validated command whose outcome was partial), or the reconciliation itself
 * for a sweep.
 */
@Component
public class ReconciliationEvents {

    static final String COMPLETED_TYPE = "ReconciliationCompleted";

    private final Outbox outbox;
    private final MessagingNames names;

    public ReconciliationEvents(Outbox outbox, MessagingNames names) {
        this.outbox = outbox;
        this.names = names;
    }

    void reconciled(CertificateReconciled event, Due due) {
        outbox.append(new OutboxMessage(UUID.randomUUID().toString(), names.exchange(EventCatalog.EXCHANGE),
                ReconciliationContract.CERTIFICATE_RECONCILED, ReconciliationContract.CERTIFICATE_RECONCILED_TYPE,
                due.reconciliationId().toString(), headers(due), CertificateReconciledJson.write(event)));
    }

    void completed(Due due, Outcome outcome, List<String> differences) {
        var answer = new ReconciliationCompleted(due.reconciliationId(), due.certificateId(), outcome, differences);
        outbox.append(new OutboxMessage(UUID.randomUUID().toString(), names.exchange(OperationsContract.EXCHANGE),
                ReconciliationContract.RECONCILIATION_COMPLETED, COMPLETED_TYPE, due.reconciliationId().toString(),
                headers(due), Json.bytes(answer)));
    }

    private static Map<String, Object> headers(Due due) {
        Map<String, Object> headers = new HashMap<>();
        headers.put(RelayHeaders.SCHEMA_VERSION, ReconciliationContract.SCHEMA_VERSION);
        UUID cause = due.requestMessageId() != null ? due.requestMessageId() : due.reconciliationId();
        headers.put(RelayHeaders.CAUSATION_ID, cause.toString());
        return headers;
    }
}
