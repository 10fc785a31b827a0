package org.originrelay.contracts.reconciliation;

import java.util.Objects;
import java.util.UUID;

/** An operator asks, through command-api, for one certificate to be compared with the registry. */
public record ReconciliationRequested(UUID reconciliationId, UUID certificateId, String requestedBy) {

    public ReconciliationRequested {
        Objects.requireNonNull(reconciliationId, "reconciliationId");
        Objects.requireNonNull(certificateId, "certificateId");
    }
}
