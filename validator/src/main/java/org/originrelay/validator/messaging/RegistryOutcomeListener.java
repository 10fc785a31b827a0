package org.originrelay.validator.messaging;

import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.ClaimEvent.ClaimRegistryAccepted;
import org.originrelay.contracts.events.ClaimEvent.ClaimRegistryRejected;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRegistryAccepted;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRegistryRejected;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRegistryAccepted;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRegistryRejected;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRegistryAccepted;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRegistryRejected;
import org.originrelay.messaging.consume.PermanentFailure;
import org.originrelay.messaging.events.CertificateEventHandler;
import org.originrelay.validator.certificates.CertificateView;
import org.springframework.stereotype.Component;

/** Hands the registry's answers to the certificate view. */
@Component
class RegistryOutcomeListener implements CertificateEventHandler {

    private final CertificateView view;

    RegistryOutcomeListener(CertificateView view) {
        this.view = view;
    }

    @Override
    public void handle(CertificateEvent event, EventMetadata metadata) {
        switch (event) {
            case IssueCertificateRegistryAccepted issued -> view.accepted(issued);
            case TransferSliceRegistryAccepted transferred -> view.accepted(transferred);
            case SliceCertificateRegistryAccepted sliced -> view.accepted(sliced);
            case ClaimRegistryAccepted claimed -> view.accepted(claimed);
            case IssueCertificateRegistryRejected rejected -> view.rejectedByRegistry(rejected.commandId());
            case TransferSliceRegistryRejected rejected -> view.rejectedByRegistry(rejected.commandId());
            case SliceCertificateRegistryRejected rejected -> view.rejectedByRegistry(rejected.commandId());
            case ClaimRegistryRejected rejected -> view.rejectedByRegistry(rejected.commandId());
            default -> throw new PermanentFailure("validator.registry-outcomes does not take " + metadata.type());
        }
    }
}
