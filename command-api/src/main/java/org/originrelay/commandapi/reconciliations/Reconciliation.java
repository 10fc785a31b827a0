package org.originrelay.commandapi.reconciliations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An operator's request to compare one certificate with the registry, and what the connector answered.
 *
 * @param status REQUESTED until the connector answers; then IN_AGREEMENT, REPAIRED or FAILED
 * @param differences what differed (or why it failed), one plain sentence each
 */
public record Reconciliation(UUID reconciliationId, UUID certificateId, String status, List<String> differences,
        String requestedBy, Instant requestedAt, Instant completedAt) {

    public Reconciliation {
        differences = List.copyOf(differences);
    }
}
