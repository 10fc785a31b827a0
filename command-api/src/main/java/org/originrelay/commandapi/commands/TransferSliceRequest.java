package org.originrelay.commandapi.commands;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import java.util.function.Supplier;
import org.originrelay.contracts.domain.CertificateRules;
import org.originrelay.contracts.domain.Verdict;
import org.originrelay.contracts.events.CommandName;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;

/** Give one slice of a certificate to {@code receiver}. */
public record TransferSliceRequest(
        @NotNull UUID certificateId,
        @NotNull UUID sliceId,
        @NotBlank @Size(max = 100) String receiver) implements CommandRequest {

    @Override
    public CommandName name() {
        return CommandName.TRANSFER_SLICE;
    }

    @Override
    public Verdict checkWithoutState(String requestedBy) {
        return CertificateRules.checkReceiver(receiver, requestedBy);
    }

    @Override
    public Acceptance accept(UUID commandId, String requestedBy, Supplier<UUID> newIds) {
        return new Acceptance(
                new TransferSliceRequested(commandId, certificateId, sliceId, receiver, requestedBy),
                new Receipt.TransferSlice(commandId, CommandStatus.REQUESTED));
    }
}
