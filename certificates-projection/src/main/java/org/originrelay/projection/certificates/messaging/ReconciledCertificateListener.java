package org.originrelay.projection.certificates.messaging;

import org.originrelay.contracts.reconciliation.CertificateReconciled;
import org.originrelay.contracts.reconciliation.CertificateReconciledJson;
import org.originrelay.messaging.consume.MessageHandler;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.projection.certificates.CertificateProjector;
import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;

/** Hands the registry's state of a certificate, read by reconciliation, to the projector. */
@Component
class ReconciledCertificateListener implements MessageHandler {

    private final CertificateProjector projector;

    ReconciledCertificateListener(CertificateProjector projector) {
        this.projector = projector;
    }

    @Override
    public void handle(Message message) {
        var properties = message.getMessageProperties();
        CertificateReconciled reconciled = CertificateReconciledJson.read(properties.getType(),
                schemaVersion(properties.getHeaders().get(RelayHeaders.SCHEMA_VERSION)), message.getBody());
        projector.reconciled(reconciled);
    }

    /** Null when absent or not a number: the contract reading refuses it with a reason. */
    private static Integer schemaVersion(Object header) {
        if (header instanceof Number number) {
            return number.intValue();
        }
        try {
            return header == null ? null : Integer.valueOf(header.toString());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
