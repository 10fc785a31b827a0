package org.originrelay.validator.certificates;

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
            store.save(Certificate.issue(new IssueCertificate(accepted.certificateId(), accepted.sliceId(),
                    accepted.type(), accepted.gridArea(), accepted.start(), accepted.end(), accepted.quantity(),
                    accepted.owner())));
        }
        store.release(accepted.commandId());
    }

    public void accepted(TransferSliceRegistryAccepted accepted) {
        store.save(known(accepted.certificateId()).transfer(accepted.sliceId(), accepted.receiver()));
        store.release(accepted.commandId());
    }

    public void accepted(SliceCertificateRegistryAccepted accepted) {
        List<NewSlice> parts = IntStream.range(0, accepted.quantities().size())
                .mapToObj(i -> new NewSlice(accepted.newSliceIds().get(i), accepted.quantities().get(i))).toList();
        store.save(known(accepted.certificateId()).slice(accepted.sliceId(), parts));
        store.release(accepted.commandId());
    }

    public void accepted(ClaimRegistryAccepted accepted) {
        var claim = new Claim(accepted.claimId(), accepted.productionCertificateId(), accepted.productionSliceId(),
                accepted.consumptionCertificateId(), accepted.consumptionSliceId(), null);
        CertificateRules.applyClaim(known(accepted.productionCertificateId()),
                known(accepted.consumptionCertificateId()), claim).forEach(store::save);
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
