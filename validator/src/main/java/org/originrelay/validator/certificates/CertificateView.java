package org.originrelay.validator.certificates;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.originrelay.contracts.domain.Certificate;
import org.originrelay.contracts.domain.CertificateRules;
import org.originrelay.contracts.domain.Slice;
import org.originrelay.contracts.domain.SliceState;
import org.originrelay.contracts.events.ClaimEvent.ClaimRegistryAccepted;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRegistryAccepted;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRegistryAccepted;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRegistryAccepted;
import org.originrelay.contracts.domain.NewSlice;
import org.originrelay.contracts.reconciliation.CertificateReconciled;
import org.originrelay.contracts.reconciliation.RegistryState;
import org.originrelay.messaging.consume.PermanentFailure;
import org.originrelay.validator.certificates.persistence.CertificateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Keeps the validator's view in step with the registry, the source of truth: what the registry accepted
 * is applied through the domain rules, every registry answer frees the command's reservation, and a
 * reconciliation replaces the certificate with what the registry has.
 *
 * <p>Every change locks the certificate's row before reading it (ADR 0008), so two instances never rewrite
 * a certificate from the same old read. An outcome naming what the view does not have yet waits
 * ({@link NotInViewYet}, retried); one the view already shows (a reconciliation got there first) changes
 * nothing but still frees the command's hold.
 */
@Service
public class CertificateView {

    private static final Logger log = LoggerFactory.getLogger(CertificateView.class);

    private final CertificateStore store;

    CertificateView(CertificateStore store) {
        this.store = store;
    }

    public void accepted(IssueCertificateRegistryAccepted accepted) {
        store.createIfAbsent(Certificate.issue(accepted.issueCommand()));
        store.release(accepted.commandId());
    }

    public void accepted(TransferSliceRegistryAccepted accepted) {
        Certificate certificate = lockedKnown(accepted.certificateId());
        Slice slice = knownSlice(certificate, accepted.sliceId());
        if (!slice.owner().equals(accepted.receiver())) {
            store.saveChanges(certificate, certificate.transfer(accepted.sliceId(), accepted.receiver()));
        }
        store.release(accepted.commandId());
    }

    public void accepted(SliceCertificateRegistryAccepted accepted) {
        Certificate certificate = lockedKnown(accepted.certificateId());
        boolean alreadyShown = certificate.slice(accepted.sliceId()).isEmpty()
                && accepted.newSlices().stream().map(NewSlice::sliceId).allMatch(id -> certificate.slice(id).isPresent());
        if (!alreadyShown) {
            knownSlice(certificate, accepted.sliceId());
            store.saveChanges(certificate, certificate.slice(accepted.sliceId(), accepted.newSlices()));
        }
        store.release(accepted.commandId());
    }

    public void accepted(ClaimRegistryAccepted accepted) {
        UUID productionId = accepted.productionCertificateId();
        UUID consumptionId = accepted.consumptionCertificateId();
        List<Optional<Certificate>> both = store.lockAndFindBoth(productionId, consumptionId);
        Certificate production = known(both.get(0), productionId);
        Certificate consumption = known(both.get(1), consumptionId);
        Slice productionSlice = knownSlice(production, accepted.claimCommand().productionSliceId());
        Slice consumptionSlice = knownSlice(consumption, accepted.claimCommand().consumptionSliceId());
        if (productionSlice.state() != SliceState.CLAIMED || consumptionSlice.state() != SliceState.CLAIMED) {
            List<Certificate> claimed = CertificateRules.applyClaim(production, consumption, accepted.claimCommand());
            store.saveChanges(production, claimed.get(0));
            store.saveChanges(consumption, claimed.get(1));
        }
        store.release(accepted.commandId());
    }

    /** The registry said no: nothing changed, the command's hold on its slices ends. */
    public void rejectedByRegistry(UUID commandId) {
        store.release(commandId);
    }

    /**
     * The registry's state of one certificate replaces the view's. Holds on slices that are gone, changed
     * owner or changed state end; the commands that had them were validated and sent already, so the
     * registry's outcome answers them (it cannot apply a move of a slice that is no longer there).
     */
    public void reconciled(CertificateReconciled reconciled) {
        UUID certificateId = reconciled.certificateId();
        Optional<Certificate> current = store.lockAndFind(certificateId);
        if (current.isEmpty()) {
            if (store.createIfAbsent(registryState(reconciled, current))) {
                applied(reconciled, List.of(), List.of());
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
        Certificate known = current.orElseThrow();
        Certificate registryState = registryState(reconciled, current);
        List<UUID> moved = known.slicesMovedIn(registryState);
        List<UUID> endedHolds = store.endReservationsOf(moved);
        store.saveChanges(known, registryState);
        applied(reconciled, moved, endedHolds);
    }

    private void applied(CertificateReconciled reconciled, List<UUID> moved, List<UUID> endedHolds) {
        store.markReconciled(reconciled.certificateId(), reconciled.registryTransactions());
        log.info("Applied reconciliation {} ({}) of certificate {}: {} slice(s) moved, holds of {} ended; {}",
                reconciled.reconciliationId(), reconciled.trigger(), reconciled.certificateId(), moved.size(),
                endedHolds, reconciled.differences());
    }

    private static Certificate registryState(CertificateReconciled reconciled, Optional<Certificate> current) {
        try {
            return RegistryState.certificateOf(reconciled, current);
        } catch (IllegalArgumentException | IllegalStateException unusable) {
            throw new PermanentFailure("reconciliation " + reconciled.reconciliationId() + " cannot be applied: "
                    + unusable.getMessage());
        }
    }

    private Certificate lockedKnown(UUID certificateId) {
        return known(store.lockAndFind(certificateId), certificateId);
    }

    private static Certificate known(Optional<Certificate> found, UUID certificateId) {
        return found.orElseThrow(() -> new NotInViewYet(
                "certificate " + certificateId + " is not in the validator's view yet"));
    }

    private static Slice knownSlice(Certificate certificate, UUID sliceId) {
        return certificate.slice(sliceId).orElseThrow(() -> new NotInViewYet(
                "slice " + sliceId + " of certificate " + certificate.certificateId()
                        + " is not in the validator's view yet"));
    }
}
