package org.originrelay.projection.certificates;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.originrelay.contracts.domain.Certificate;
import org.originrelay.contracts.domain.CertificateRules;
import org.originrelay.contracts.domain.NewSlice;
import org.originrelay.contracts.domain.Slice;
import org.originrelay.contracts.domain.SliceState;
import org.originrelay.contracts.events.ClaimEvent.ClaimRegistryAccepted;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRegistryAccepted;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRegistryAccepted;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRegistryAccepted;
import org.originrelay.contracts.reconciliation.CertificateReconciled;
import org.originrelay.contracts.reconciliation.RegistryState;
import org.originrelay.messaging.consume.PermanentFailure;
import org.originrelay.projection.certificates.persistence.CertificateEntity;
import org.originrelay.projection.certificates.persistence.CertificateRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Applies what the registry accepted to the read model, through the same domain rules the validator
 * used, so the two can never disagree on what a command does; and replaces a certificate with the
 * registry's state when reconciliation says so. Runs in the consumer's transaction.
 *
 * <p>Every change locks the certificate's row before reading it (ADR 0008). An outcome naming what the read
 * model does not have yet waits ({@link NotInReadModelYet}, retried); one it already shows (a reconciliation
 * got there first) changes nothing.
 */
@Service
public class CertificateProjector {

    private static final Logger log = LoggerFactory.getLogger(CertificateProjector.class);

    private final CertificateRepository certificates;

    CertificateProjector(CertificateRepository certificates) {
        this.certificates = certificates;
    }

    public void issued(IssueCertificateRegistryAccepted accepted) {
        if (certificates.lockAndFind(accepted.certificateId()).isEmpty()) {
            certificates.save(CertificateEntity.of(Certificate.issue(accepted.issueCommand())));
        }
    }

    public void transferred(TransferSliceRegistryAccepted accepted) {
        CertificateEntity entity = known(accepted.certificateId());
        Certificate certificate = entity.toDomain();
        if (!knownSlice(certificate, accepted.sliceId()).owner().equals(accepted.receiver())) {
            entity.update(certificate.transfer(accepted.sliceId(), accepted.receiver()));
        }
    }

    public void sliced(SliceCertificateRegistryAccepted accepted) {
        CertificateEntity entity = known(accepted.certificateId());
        Certificate certificate = entity.toDomain();
        boolean alreadyShown = certificate.slice(accepted.sliceId()).isEmpty()
                && accepted.newSlices().stream().map(NewSlice::sliceId).allMatch(id -> certificate.slice(id).isPresent());
        if (!alreadyShown) {
            knownSlice(certificate, accepted.sliceId());
            entity.update(certificate.slice(accepted.sliceId(), accepted.newSlices()));
        }
    }

    public void claimed(ClaimRegistryAccepted accepted) {
        // Both rows locked in one order, so two claims over the same two certificates never deadlock.
        UUID productionId = accepted.productionCertificateId();
        UUID consumptionId = accepted.consumptionCertificateId();
        boolean productionFirst = productionId.compareTo(consumptionId) <= 0;
        CertificateEntity first = known(productionFirst ? productionId : consumptionId);
        CertificateEntity second = known(productionFirst ? consumptionId : productionId);
        CertificateEntity production = productionFirst ? first : second;
        CertificateEntity consumption = productionFirst ? second : first;
        Slice productionSlice = knownSlice(production.toDomain(), accepted.claimCommand().productionSliceId());
        Slice consumptionSlice = knownSlice(consumption.toDomain(), accepted.claimCommand().consumptionSliceId());
        if (productionSlice.state() == SliceState.CLAIMED && consumptionSlice.state() == SliceState.CLAIMED) {
            return;
        }
        List<Certificate> claimed = CertificateRules.applyClaim(production.toDomain(), consumption.toDomain(),
                accepted.claimCommand());
        production.update(claimed.get(0));
        consumption.update(claimed.get(1));
    }

    /** The registry's state replaces the read model's; a reconciliation older than one applied is ignored. */
    public void reconciled(CertificateReconciled reconciled) {
        Optional<CertificateEntity> current = certificates.lockAndFind(reconciled.certificateId());
        Optional<Long> applied = current.flatMap(CertificateEntity::reconciledTransactions);
        if (applied.isPresent() && reconciled.registryTransactions() < applied.get()) {
            log.info("Ignored reconciliation {} of certificate {}: it read {} registry transactions, one already "
                            + "applied read {}", reconciled.reconciliationId(), reconciled.certificateId(),
                    reconciled.registryTransactions(), applied.get());
            return;
        }
        Certificate registryState;
        try {
            registryState = RegistryState.certificateOf(reconciled, current.map(CertificateEntity::toDomain));
        } catch (IllegalArgumentException | IllegalStateException unusable) {
            throw new PermanentFailure("reconciliation " + reconciled.reconciliationId() + " cannot be applied: "
                    + unusable.getMessage());
        }
        CertificateEntity entity = current.orElseGet(() -> CertificateEntity.of(registryState));
        entity.update(registryState);
        entity.markReconciled(reconciled.registryTransactions());
        certificates.save(entity);
        log.info("Applied reconciliation {} ({}) of certificate {}: {}", reconciled.reconciliationId(),
                reconciled.trigger(), reconciled.certificateId(), reconciled.differences());
    }

    private CertificateEntity known(UUID certificateId) {
        return certificates.lockAndFind(certificateId).orElseThrow(() -> new NotInReadModelYet(
                "certificate " + certificateId + " is not in the read model yet"));
    }

    private static Slice knownSlice(Certificate certificate, UUID sliceId) {
        return certificate.slice(sliceId).orElseThrow(() -> new NotInReadModelYet(
                "slice " + sliceId + " of certificate " + certificate.certificateId() + " is not in the read model yet"));
    }
}
