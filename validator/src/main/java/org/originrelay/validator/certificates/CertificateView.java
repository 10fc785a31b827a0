package org.originrelay.validator.certificates;

import java.util.UUID;
import org.originrelay.contracts.domain.Certificate;
import org.originrelay.contracts.domain.CertificateRules;
import org.originrelay.contracts.events.ClaimEvent.ClaimRegistryAccepted;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRegistryAccepted;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRegistryAccepted;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRegistryAccepted;
import org.originrelay.validator.certificates.persistence.CertificateStore;
import org.springframework.stereotype.Service;

/**
 * Keeps the validator's view in step with the registry, the source of truth: what the registry accepted
 * is applied through the domain rules, and every registry answer frees the command's reservation.
 */
@Service
public class CertificateView {

    private final CertificateStore store;

    CertificateView(CertificateStore store) {
        this.store = store;
    }

    public void accepted(IssueCertificateRegistryAccepted accepted) {
        if (store.find(accepted.certificateId()).isEmpty()) {
            store.save(Certificate.issue(accepted.issueCommand()));
        }
        store.release(accepted.commandId());
    }

    public void accepted(TransferSliceRegistryAccepted accepted) {
        store.save(known(accepted.certificateId()).transfer(accepted.sliceId(), accepted.receiver()));
        store.release(accepted.commandId());
    }

    public void accepted(SliceCertificateRegistryAccepted accepted) {
        store.save(known(accepted.certificateId()).slice(accepted.sliceId(), accepted.newSlices()));
        store.release(accepted.commandId());
    }

    public void accepted(ClaimRegistryAccepted accepted) {
        CertificateRules.applyClaim(known(accepted.productionCertificateId()),
                known(accepted.consumptionCertificateId()), accepted.claimCommand()).forEach(store::save);
        store.release(accepted.commandId());
    }

    /** The registry said no: nothing changed, the command's hold on its slices ends. */
    public void rejectedByRegistry(UUID commandId) {
        store.release(commandId);
    }

    private Certificate known(UUID certificateId) {
        // Transient on purpose: the issue event may still be on its way; the kit retries with backoff.
        return store.find(certificateId).orElseThrow(() -> new IllegalStateException(
                "certificate " + certificateId + " is not in the validator's view yet"));
    }
}
