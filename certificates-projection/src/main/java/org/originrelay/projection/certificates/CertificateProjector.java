package org.originrelay.projection.certificates;

import java.util.List;
import java.util.UUID;
import org.originrelay.contracts.domain.Certificate;
import org.originrelay.contracts.domain.CertificateRules;
import org.originrelay.contracts.events.ClaimEvent.ClaimRegistryAccepted;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRegistryAccepted;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRegistryAccepted;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRegistryAccepted;
import org.originrelay.projection.certificates.persistence.CertificateEntity;
import org.originrelay.projection.certificates.persistence.CertificateRepository;
import org.springframework.stereotype.Service;

/**
 * Applies what the registry accepted to the read model, through the same domain rules the validator
 * used, so the two can never disagree on what a command does. Runs in the consumer's transaction.
 */
@Service
public class CertificateProjector {

    private final CertificateRepository certificates;

    CertificateProjector(CertificateRepository certificates) {
        this.certificates = certificates;
    }

    public void issued(IssueCertificateRegistryAccepted accepted) {
        if (!certificates.existsById(accepted.certificateId())) {
            certificates.save(CertificateEntity.of(Certificate.issue(accepted.issueCommand())));
        }
    }

    public void transferred(TransferSliceRegistryAccepted accepted) {
        CertificateEntity entity = known(accepted.certificateId());
        entity.update(entity.toDomain().transfer(accepted.sliceId(), accepted.receiver()));
    }

    public void sliced(SliceCertificateRegistryAccepted accepted) {
        CertificateEntity entity = known(accepted.certificateId());
        entity.update(entity.toDomain().slice(accepted.sliceId(), accepted.newSlices()));
    }

    public void claimed(ClaimRegistryAccepted accepted) {
        CertificateEntity production = known(accepted.productionCertificateId());
        CertificateEntity consumption = known(accepted.consumptionCertificateId());
        List<Certificate> claimed = CertificateRules.applyClaim(production.toDomain(), consumption.toDomain(),
                accepted.claimCommand());
        production.update(claimed.get(0));
        consumption.update(claimed.get(1));
    }

    private CertificateEntity known(UUID certificateId) {
        // Transient on purpose: the issue event may still be on its way; the kit retries with backoff.
        return certificates.findById(certificateId).orElseThrow(() -> new IllegalStateException(
                "certificate " + certificateId + " is not in the read model yet"));
    }
}
