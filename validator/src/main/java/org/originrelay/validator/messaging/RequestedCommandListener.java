package org.originrelay.validator.messaging;

import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.ClaimEvent.ClaimRequested;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRequested;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;
import org.originrelay.messaging.consume.PermanentFailure;
import org.originrelay.messaging.events.CertificateEventHandler;
import org.originrelay.validator.validation.CommandValidation;
import org.springframework.stereotype.Component;

/** Hands each requested command to the validation; anything else on this queue is a binding mistake. */
@Component
class RequestedCommandListener implements CertificateEventHandler {

    private final CommandValidation validation;

    RequestedCommandListener(CommandValidation validation) {
        this.validation = validation;
    }

    @Override
    public void handle(CertificateEvent event, EventMetadata metadata) {
        switch (event) {
            case IssueCertificateRequested issue -> validation.validate(issue, metadata);
            case TransferSliceRequested transfer -> validation.validate(transfer, metadata);
            case SliceCertificateRequested slice -> validation.validate(slice, metadata);
            case ClaimRequested claim -> validation.validate(claim, metadata);
            default -> throw new PermanentFailure("validator.requests does not take " + metadata.type());
        }
    }
}
