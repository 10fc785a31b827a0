package org.originrelay.commandapi.commands;

import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import java.util.function.Supplier;
import org.originrelay.contracts.events.ClaimEvent.ClaimRequested;
import org.originrelay.contracts.domain.Verdict;
import org.originrelay.contracts.events.CommandName;

/** Match a production slice against a consumption slice. */
public record ClaimRequest(
        @NotNull UUID productionCertificateId,
        @NotNull UUID productionSliceId,
        @NotNull UUID consumptionCertificateId,
        @NotNull UUID consumptionSliceId) implements CommandRequest {

    @Override
    public CommandName name() {
        return CommandName.CLAIM;
    }

    /** Every rule of a claim is about the two slices, which only the validator's view knows. */
    @Override
    public Verdict checkWithoutState(String requestedBy) {
        return Verdict.ALLOWED;
    }

    @Override
    public Acceptance accept(UUID commandId, String requestedBy, Supplier<UUID> newIds) {
        UUID claimId = newIds.get();
        return new Acceptance(
                new ClaimRequested(commandId, claimId, productionCertificateId, productionSliceId,
                        consumptionCertificateId, consumptionSliceId, requestedBy),
                new Receipt.Claim(commandId, CommandStatus.REQUESTED, claimId));
    }
}
