package org.originrelay.validator;

import java.util.List;
import java.util.UUID;
import org.originrelay.contracts.domain.SliceState;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.contracts.reconciliation.CertificateReconciled;
import org.originrelay.contracts.reconciliation.CertificateReconciledJson;
import org.originrelay.contracts.reconciliation.ReconciledSlice;
import org.originrelay.contracts.reconciliation.ReconciliationContract;
import org.originrelay.messaging.topology.MessagingNames;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/** Publishes {@code CertificateReconciled} as registry-connector does, per the public contract. */
public record Reconciliations(EventTraffic traffic, MessagingNames names) {

    public void publish(CertificateReconciled reconciled) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(UUID.randomUUID().toString());
        properties.setCorrelationId(reconciled.reconciliationId().toString());
        properties.setType(ReconciliationContract.CERTIFICATE_RECONCILED_TYPE);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setHeader("schema-version", ReconciliationContract.SCHEMA_VERSION);
        properties.setHeader("causation-id", reconciled.reconciliationId().toString());
        traffic.send(names.exchange(EventCatalog.EXCHANGE), ReconciliationContract.CERTIFICATE_RECONCILED,
                new Message(CertificateReconciledJson.write(reconciled), properties));
    }

    /** The registry's state of an issued certificate: the given slices (their quantities must add up). */
    public static CertificateReconciled of(IssueCertificateRequested issued, long registryTransactions,
            ReconciledSlice... slices) {
        return new CertificateReconciled(UUID.randomUUID(), issued.certificateId(), "operator", registryTransactions,
                issued.type(), issued.gridArea(), issued.start(), issued.end(), issued.quantity(), List.of(slices),
                List.of("a difference"));
    }

    public static ReconciledSlice slice(UUID sliceId, String owner, long quantity, SliceState state, UUID allocationId) {
        return new ReconciledSlice(sliceId, "hash-" + sliceId, owner, quantity, true, state, allocationId);
    }
}
