package org.originrelay.commandapi.commands;

import java.util.UUID;
import java.util.function.Supplier;
import org.originrelay.contracts.domain.Verdict;
import org.originrelay.contracts.events.CommandName;

/** A command as a client posts it, already checked for form (not for business rules: the validator's job). */
public sealed interface CommandRequest
        permits IssueCertificateRequest, TransferSliceRequest, SliceCertificateRequest, ClaimRequest {

    CommandName name();

    /**
     * The domain's rules that need no state, for the door: a command breaking one is refused before it is
     * stored or published, instead of being accepted and rejected later.
     */
    Verdict checkWithoutState(String requestedBy);

    /**
     * The event announcing this command and the receipt the client gets, with the ids the API assigns.
     *
     * @param newIds a fresh id on every call (certificate, slice or claim ids the command creates)
     */
    Acceptance accept(UUID commandId, String requestedBy, Supplier<UUID> newIds);
}
