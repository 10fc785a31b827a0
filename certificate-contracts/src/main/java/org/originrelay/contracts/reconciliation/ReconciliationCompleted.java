package org.originrelay.contracts.reconciliation;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The connector's answer to a {@link ReconciliationRequested}. */
public record ReconciliationCompleted(UUID reconciliationId, UUID certificateId, Outcome outcome,
        List<String> differences) {

    /** IN_AGREEMENT: nothing differed, no event. REPAIRED: a {@link CertificateReconciled} was published. */
    public enum Outcome {
        IN_AGREEMENT,
        REPAIRED,
        FAILED
    }

    public ReconciliationCompleted {
        Objects.requireNonNull(reconciliationId, "reconciliationId");
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(outcome, "outcome");
        differences = List.copyOf(differences);
    }
}
