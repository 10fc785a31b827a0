package org.originrelay.contracts.domain;

import java.util.UUID;

/** Match a production slice against a consumption slice; both become CLAIMED. */
public record Claim(UUID claimId, UUID productionCertificateId, UUID productionSliceId,
        UUID consumptionCertificateId, UUID consumptionSliceId, String requestedBy) {
}
