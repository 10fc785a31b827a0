package org.originrelay.projection.certificates.messaging;

import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.ClaimEvent.ClaimRegistryAccepted;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRegistryAccepted;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRegistryAccepted;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRegistryAccepted;
import org.originrelay.messaging.consume.PermanentFailure;
import org.originrelay.messaging.events.CertificateEventHandler;
import org.originrelay.projection.certificates.CertificateProjector;
import org.springframework.stereotype.Component;

/** Hands each accepted command to the projector. */
@Component
class RegistryAcceptedListener implements CertificateEventHandler {

    private final CertificateProjector projector;

    RegistryAcceptedListener(CertificateProjector projector) {
        this.projector = projector;
    }

    @Override
    public void handle(CertificateEvent event, EventMetadata metadata) {
        switch (event) {
            case IssueCertificateRegistryAccepted issued -> projector.issued(issued);
            case TransferSliceRegistryAccepted transferred -> projector.transferred(transferred);
            case SliceCertificateRegistryAccepted sliced -> projector.sliced(sliced);
            case ClaimRegistryAccepted claimed -> projector.claimed(claimed);
            default -> throw new PermanentFailure("the projection does not take " + metadata.type());
        }
    }
}
