package org.originrelay.registryconnector.messaging;

import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.ClaimEvent.ClaimValidated;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateValidated;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceValidated;
import org.originrelay.messaging.consume.PermanentFailure;
import org.originrelay.messaging.events.CertificateEventHandler;
import org.originrelay.registryconnector.commands.CommandIntake;
import org.springframework.stereotype.Component;

/** Hands each validated command to the intake; anything else on this queue is a routing mistake. */
@Component
public class ValidatedCommandListener implements CertificateEventHandler {

    private final CommandIntake intake;

    public ValidatedCommandListener(CommandIntake intake) {
        this.intake = intake;
    }

    @Override
    public void handle(CertificateEvent event, EventMetadata metadata) {
        switch (event) {
            case IssueCertificateValidated issue -> intake.accept(issue, metadata);
            case TransferSliceValidated transfer -> intake.accept(transfer, metadata);
            case SliceCertificateValidated slice -> intake.accept(slice, metadata);
            case ClaimValidated claim -> intake.accept(claim, metadata);
            default -> throw new PermanentFailure("the registry connector handles only validated commands, not "
                    + event.eventType().name());
        }
    }
}
