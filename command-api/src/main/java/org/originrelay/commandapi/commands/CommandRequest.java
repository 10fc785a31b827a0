package org.originrelay.commandapi.commands;

import java.util.UUID;
import java.util.function.Supplier;
import org.originrelay.contracts.events.CommandName;

/** A command as a client posts it, already checked for form (not for business rules: the validator's job). */
public sealed interface CommandRequest
        permits IssueCertificateRequest, TransferSliceRequest, SliceCertificateRequest, ClaimRequest {

    CommandName name();

    /**
     * The event announcing this command and the receipt the client gets, with the ids the API assigns.
     *
     * @param newIds a fresh id on every call (certificate, slice or claim ids the command creates)
     */
    Acceptance accept(UUID commandId, String requestedBy, Supplier<UUID> newIds);
}
