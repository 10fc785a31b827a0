package org.originrelay.contracts.events;

import java.util.UUID;
import org.originrelay.contracts.domain.Claim;

import static org.originrelay.contracts.events.Require.notBlank;
import static org.originrelay.contracts.events.Require.present;

/**
 * The stages of {@code claim}: a production slice is matched against a consumption slice of the same
 * owner, quantity and grid area. From {@code validated} on, the events carry that owner and quantity.
 */
public sealed interface ClaimEvent extends CertificateEvent {

    UUID claimId();

    UUID productionCertificateId();

    UUID productionSliceId();

    UUID consumptionCertificateId();

    UUID consumptionSliceId();

    /** The claim as the domain rules take it. */
    default Claim claimCommand() {
        return new Claim(claimId(), productionCertificateId(), productionSliceId(), consumptionCertificateId(),
                consumptionSliceId(), requestedBy());
    }

    record ClaimRequested(UUID commandId, UUID claimId, UUID productionCertificateId, UUID productionSliceId,
            UUID consumptionCertificateId, UUID consumptionSliceId, String requestedBy) implements ClaimEvent {
        public ClaimRequested {
            present(commandId, "commandId");
            present(claimId, "claimId");
            present(productionCertificateId, "productionCertificateId");
            present(productionSliceId, "productionSliceId");
            present(consumptionCertificateId, "consumptionCertificateId");
            present(consumptionSliceId, "consumptionSliceId");
        }

        public ClaimValidated validated(String owner, long quantity) {
            return new ClaimValidated(commandId, claimId, productionCertificateId, productionSliceId,
                    consumptionCertificateId, consumptionSliceId, owner, quantity, requestedBy);
        }

        public ClaimRejected rejected(String reason) {
            return new ClaimRejected(commandId, claimId, productionCertificateId, productionSliceId,
                    consumptionCertificateId, consumptionSliceId, requestedBy, reason);
        }
    }

    record ClaimValidated(UUID commandId, UUID claimId, UUID productionCertificateId, UUID productionSliceId,
            UUID consumptionCertificateId, UUID consumptionSliceId, String owner, long quantity, String requestedBy)
            implements ClaimEvent {
        public ClaimValidated {
            present(commandId, "commandId");
            present(claimId, "claimId");
            present(productionCertificateId, "productionCertificateId");
            present(productionSliceId, "productionSliceId");
            present(consumptionCertificateId, "consumptionCertificateId");
            present(consumptionSliceId, "consumptionSliceId");
            notBlank(owner, "owner");
        }

        public ClaimRegistryAccepted registryAccepted() {
            return new ClaimRegistryAccepted(commandId, claimId, productionCertificateId, productionSliceId,
                    consumptionCertificateId, consumptionSliceId, owner, quantity, requestedBy);
        }

        public ClaimRegistryRejected registryRejected(String reason) {
            return new ClaimRegistryRejected(commandId, claimId, productionCertificateId, productionSliceId,
                    consumptionCertificateId, consumptionSliceId, owner, quantity, requestedBy, reason);
        }
    }

    record ClaimRejected(UUID commandId, UUID claimId, UUID productionCertificateId, UUID productionSliceId,
            UUID consumptionCertificateId, UUID consumptionSliceId, String requestedBy, String reason)
            implements ClaimEvent, Rejection {
        public ClaimRejected {
            present(commandId, "commandId");
            notBlank(reason, "reason");
        }
    }

    record ClaimRegistryAccepted(UUID commandId, UUID claimId, UUID productionCertificateId, UUID productionSliceId,
            UUID consumptionCertificateId, UUID consumptionSliceId, String owner, long quantity, String requestedBy)
            implements ClaimEvent {
        public ClaimRegistryAccepted {
            present(commandId, "commandId");
            present(claimId, "claimId");
            present(productionCertificateId, "productionCertificateId");
            present(productionSliceId, "productionSliceId");
            present(consumptionCertificateId, "consumptionCertificateId");
            present(consumptionSliceId, "consumptionSliceId");
            notBlank(owner, "owner");
        }
    }

    record ClaimRegistryRejected(UUID commandId, UUID claimId, UUID productionCertificateId, UUID productionSliceId,
            UUID consumptionCertificateId, UUID consumptionSliceId, String owner, long quantity, String requestedBy,
            String reason) implements ClaimEvent, Rejection {
        public ClaimRegistryRejected {
            present(commandId, "commandId");
            notBlank(reason, "reason");
        }
    }
}
