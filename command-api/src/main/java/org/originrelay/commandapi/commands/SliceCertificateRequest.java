package org.originrelay.commandapi.commands;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.originrelay.contracts.domain.CertificateRules;
import org.originrelay.contracts.domain.Verdict;
import org.originrelay.contracts.events.CommandName;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRequested;

/** Replace one slice by new slices of the given quantities (whether they add up is the validator's call: it needs the slice). */
public record SliceCertificateRequest(
        @NotNull UUID certificateId,
        @NotNull UUID sliceId,
        @NotNull @Size(min = 1, max = 100) List<@NotNull @PositiveOrZero Long> quantities) implements CommandRequest {

    @Override
    public CommandName name() {
        return CommandName.SLICE_CERTIFICATE;
    }

    @Override
    public Verdict checkWithoutState(String requestedBy) {
        return CertificateRules.checkNewQuantities(quantities);
    }

    @Override
    public Acceptance accept(UUID commandId, String requestedBy, Supplier<UUID> newIds) {
        List<UUID> newSliceIds = quantities.stream().map(quantity -> newIds.get()).toList();
        return new Acceptance(
                new SliceCertificateRequested(commandId, certificateId, sliceId, quantities, newSliceIds, requestedBy),
                new Receipt.SliceCertificate(commandId, CommandStatus.REQUESTED, newSliceIds));
    }
}
