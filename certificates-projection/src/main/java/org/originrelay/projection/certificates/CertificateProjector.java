package org.originrelay.projection.certificates;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.originrelay.contracts.domain.Certificate;
import org.originrelay.contracts.domain.CertificateRules;
import org.originrelay.contracts.domain.Claim;
import org.originrelay.contracts.domain.IssueCertificate;
import org.originrelay.contracts.domain.NewSlice;
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
            certificates.save(CertificateEntity.of(Certificate.issue(new IssueCertificate(accepted.certificateId(),
                    accepted.sliceId(), accepted.type(), accepted.gridArea(), accepted.start(), accepted.end(),
                    accepted.quantity(), accepted.owner()))));
        }
    }

    public void transferred(TransferSliceRegistryAccepted accepted) {
        CertificateEntity entity = known(accepted.certificateId());
        entity.update(entity.toDomain().transfer(accepted.sliceId(), accepted.receiver()));
    }

    public void sliced(SliceCertificateRegistryAccepted accepted) {
        List<NewSlice> parts = IntStream.range(0, accepted.quantities().size())
                .mapToObj(i -> new NewSlice(accepted.newSliceIds().get(i), accepted.quantities().get(i))).toList();
        CertificateEntity entity = known(accepted.certificateId());
        entity.update(entity.toDomain().slice(accepted.sliceId(), parts));
    }

    public void claimed(ClaimRegistryAccepted accepted) {
        CertificateEntity production = known(accepted.productionCertificateId());
        CertificateEntity consumption = known(accepted.consumptionCertificateId());
        List<Certificate> claimed = CertificateRules.applyClaim(production.toDomain(), consumption.toDomain(),
                new Claim(accepted.claimId(), accepted.productionCertificateId(), accepted.productionSliceId(),
                        accepted.consumptionCertificateId(), accepted.consumptionSliceId(), null));
        production.update(claimed.get(0));
        consumption.update(claimed.get(1));
    }

    private CertificateEntity known(UUID certificateId) {
        // Transient on purpose: the issue event may still be on its way; the kit retries with backoff.
        return certificates.findById(certificateId).orElseThrow(() -> new IllegalStateException(
                "certificate " + certificateId + " is not in the read model yet"));
    }
}
