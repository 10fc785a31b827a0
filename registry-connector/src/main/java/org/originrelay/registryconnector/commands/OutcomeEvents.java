package org.originrelay.registryconnector.commands;

import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.ClaimEvent.ClaimValidated;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateValidated;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceValidated;

/** The event that announces how the registry answered a validated command. */
final class OutcomeEvents {

    private OutcomeEvents() {
    }

    static CertificateEvent accepted(CertificateEvent validated) {
        return switch (validated) {
            case IssueCertificateValidated issue -> issue.registryAccepted();
            case TransferSliceValidated transfer -> transfer.registryAccepted();
            case SliceCertificateValidated slice -> slice.registryAccepted();
            case ClaimValidated claim -> claim.registryAccepted();
            default -> throw notValidated(validated);
        };
    }

    static CertificateEvent rejected(CertificateEvent validated, String reason) {
        return switch (validated) {
            case IssueCertificateValidated issue -> issue.registryRejected(reason);
            case TransferSliceValidated transfer -> transfer.registryRejected(reason);
            case SliceCertificateValidated slice -> slice.registryRejected(reason);
            case ClaimValidated claim -> claim.registryRejected(reason);
            default -> throw notValidated(validated);
        };
    }

    private static IllegalStateException notValidated(CertificateEvent event) {
        return new IllegalStateException(event.eventType().name() + " is not a validated command");
    }
}
