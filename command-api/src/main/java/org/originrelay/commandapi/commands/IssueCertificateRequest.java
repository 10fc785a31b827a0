package org.originrelay.commandapi.commands;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.originrelay.contracts.domain.CertificateRules;
import org.originrelay.contracts.domain.CertificateType;
import org.originrelay.contracts.domain.Verdict;
import org.originrelay.contracts.events.CommandName;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;

/** Issue a certificate for {@code quantity} Wh in {@code gridArea} over [start, end), as one slice of {@code owner}. */
public record IssueCertificateRequest(
        @NotNull CertificateType type,
        @NotBlank @Size(max = 100) String gridArea,
        @NotNull Instant start,
        @NotNull Instant end,
        @NotNull @PositiveOrZero Long quantity,
        @NotBlank @Size(max = 100) String owner) implements CommandRequest {

    @Override
    public CommandName name() {
        return CommandName.ISSUE_CERTIFICATE;
    }

    @Override
    public Verdict checkWithoutState(String requestedBy) {
        Verdict period = CertificateRules.checkPeriod(start, end);
        return period.isAllowed() ? CertificateRules.checkQuantity(quantity) : period;
    }

    @Override
    public Acceptance accept(UUID commandId, String requestedBy, Supplier<UUID> newIds) {
        UUID certificateId = newIds.get();
        UUID sliceId = newIds.get();
        return new Acceptance(
                new IssueCertificateRequested(commandId, certificateId, sliceId, type, gridArea, start, end, quantity,
                        owner, requestedBy),
                new Receipt.IssueCertificate(commandId, CommandStatus.REQUESTED, certificateId, sliceId));
    }
}
