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
import org.originrelay.projection.certificates.persistence.CertificateStore;
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

    private final CertificateStore store;

    CertificateProjector(CertificateStore store) {
        this.store = store;
    }

    public void issued(IssueCertificateRegistryAccepted accepted) {
        store.createIfAbsent(Certificate.issue(accepted.issueCommand()));
    }

    public void transferred(TransferSliceRegistryAccepted accepted) {
        Certificate certificate = known(accepted.certificateId());
        if (!knownSlice(certificate, accepted.sliceId()).owner().equals(accepted.receiver())) {
            store.saveChanges(certificate, certificate.transfer(accepted.sliceId(), accepted.receiver()));
        }
    }

    public void sliced(SliceCertificateRegistryAccepted accepted) {
        Certificate certificate = known(accepted.certificateId());
        boolean alreadyShown = certificate.slice(accepted.sliceId()).isEmpty()
                && accepted.newSlices().stream().map(NewSlice::sliceId).allMatch(id -> certificate.slice(id).isPresent());
        if (!alreadyShown) {
            knownSlice(certificate, accepted.sliceId());
            store.saveChanges(certificate, certificate.slice(accepted.sliceId(), accepted.newSlices()));
        }
    }

    public void claimed(ClaimRegistryAccepted accepted) {
        UUID productionId = accepted.productionCertificateId();
        UUID consumptionId = accepted.consumptionCertificateId();
        List<Optional<Certificate>> both = store.lockAndFindBoth(productionId, consumptionId);
        Certificate production = known(both.get(0), productionId);
        Certificate consumption = known(both.get(1), consumptionId);
        Slice productionSlice = knownSlice(production, accepted.claimCommand().productionSliceId());
        Slice consumptionSlice = knownSlice(consumption, accepted.claimCommand().consumptionSliceId());
        if (productionSlice.state() == SliceState.CLAIMED && consumptionSlice.state() == SliceState.CLAIMED) {
            return;
        }
        List<Certificate> claimed = CertificateRules.applyClaim(production, consumption, accepted.claimCommand());
        store.saveChanges(production, claimed.get(0));
        store.saveChanges(consumption, claimed.get(1));
    }

    /** The registry's state replaces the read model's; a reconciliation older than one applied is ignored. */
    public void reconciled(CertificateReconciled reconciled) {
        UUID certificateId = reconciled.certificateId();
        Optional<Certificate> current = store.lockAndFind(certificateId);
        if (current.isEmpty()) {
            if (store.createIfAbsent(registryState(reconciled, current))) {
                applied(reconciled);
                return;
            }
            // Created meanwhile by a concurrent outcome, which this insert waited for: apply over what it made.
            current = store.lockAndFind(certificateId);
        }
        Optional<Long> applied = store.reconciledTransactions(certificateId);
        if (applied.isPresent() && reconciled.registryTransactions() < applied.get()) {
            log.info("Ignored reconciliation {} of certificate {}: it read {} registry transactions, one already "
                            + "applied read {}", reconciled.reconciliationId(), certificateId,
                    reconciled.registryTransactions(), applied.get());
            return;
        }
        store.saveChanges(current.orElseThrow(), registryState(reconciled, current));
        applied(reconciled);
    }

    private void applied(CertificateReconciled reconciled) {
        store.markReconciled(reconciled.certificateId(), reconciled.registryTransactions());
        log.info("Applied reconciliation {} ({}) of certificate {}: {}", reconciled.reconciliationId(),
                reconciled.trigger(), reconciled.certificateId(), reconciled.differences());
    }

    private static Certificate registryState(CertificateReconciled reconciled, Optional<Certificate> current) {
        try {
            return RegistryState.certificateOf(reconciled, current);
        } catch (IllegalArgumentException | IllegalStateException unusable) {
            throw new PermanentFailure("reconciliation " + reconciled.reconciliationId() + " cannot be applied: "
                    + unusable.getMessage());
        }
    }

    private Certificate known(UUID certificateId) {
        return known(store.lockAndFind(certificateId), certificateId);
    }

    private static Certificate known(Optional<Certificate> found, UUID certificateId) {
        return found.orElseThrow(() -> new NotInReadModelYet(
                "certificate " + certificateId + " is not in the read model yet"));
    }

    private static Slice knownSlice(Certificate certificate, UUID sliceId) {
        return certificate.slice(sliceId).orElseThrow(() -> new NotInReadModelYet(
                "slice " + sliceId + " of certificate " + certificate.certificateId() + " is not in the read model yet"));
    }
}
