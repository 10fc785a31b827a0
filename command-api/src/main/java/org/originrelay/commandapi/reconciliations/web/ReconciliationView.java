package org.originrelay.commandapi.reconciliations.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.originrelay.commandapi.reconciliations.Reconciliation;

/** A reconciliation as the API shows it. */
public record ReconciliationView(
        UUID reconciliationId,
        UUID certificateId,
        @Schema(allowableValues = {"REQUESTED", "IN_AGREEMENT", "REPAIRED", "FAILED"},
                description = "REQUESTED until the registry-connector answers. IN_AGREEMENT: the registry's stream"
                        + " matched what Origin Relay announced. REPAIRED: it differed, and the registry's state was"
                        + " announced (certificate.reconciled). FAILED: the stream could not be read or the"
                        + " certificate is unknown.")
        String status,
        @Schema(description = "Each difference found (or why it failed), one plain sentence each")
        List<String> differences,
        String requestedBy,
        Instant requestedAt,
        @Schema(nullable = true) Instant completedAt) {

    static ReconciliationView of(Reconciliation reconciliation) {
        return new ReconciliationView(reconciliation.reconciliationId(), reconciliation.certificateId(),
                reconciliation.status(), reconciliation.differences(), reconciliation.requestedBy(),
                reconciliation.requestedAt(), reconciliation.completedAt());
    }
}
