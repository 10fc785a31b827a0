package org.originrelay.validator.validation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.originrelay.contracts.domain.Certificate;
import org.originrelay.contracts.domain.CertificateRules;
import org.originrelay.contracts.domain.Claim;
import org.originrelay.contracts.domain.IssueCertificate;
import org.originrelay.contracts.domain.NewSlice;
import org.originrelay.contracts.domain.SliceCertificate;
import org.originrelay.contracts.domain.TransferSlice;
import org.originrelay.contracts.domain.Verdict;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.ClaimEvent.ClaimRequested;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateRequested;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateRequested;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceRequested;
import org.originrelay.messaging.events.CertificateEventPublisher;
import org.originrelay.validator.certificates.persistence.CertificateStore;
import org.springframework.stereotype.Service;

/**
 * Turns each requested command into {@code validated} or {@code rejected}: lock the slices involved,
 * read them, apply the domain rules, then reserve what the command will change. Runs in the consumer's
 * transaction, so the reservation and the outgoing event commit together. Locking before reading matters:
 * the registry's answer to an earlier command (moving the slice and freeing it) may commit at any moment
 * on the other queue, and a decision must never combine the old owner with the new freedom.
 */
@Service
public class CommandValidation {

    static String reservedReason(UUID sliceId) {
        return "slice " + sliceId + " is reserved by another command";
    }

    private final CertificateStore store;
    private final CertificateEventPublisher publisher;

    CommandValidation(CertificateStore store, CertificateEventPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
    }

    public void validate(IssueCertificateRequested requested, EventMetadata cause) {
        var command = new IssueCertificate(requested.certificateId(), requested.sliceId(), requested.type(),
                requested.gridArea(), requested.start(), requested.end(), requested.quantity(), requested.owner());
        Verdict verdict = CertificateRules.checkIssue(store.find(requested.certificateId()), command);
        if (verdict instanceof Verdict.Violation(String reason)) {
            publish(requested.rejected(reason), cause);
        } else if (!store.claimCertificateId(requested.certificateId(), requested.commandId())) {
            publish(requested.rejected("certificate " + requested.certificateId() + " is being issued by another command"), cause);
        } else {
            publish(requested.validated(), cause);
        }
    }

    public void validate(TransferSliceRequested requested, EventMetadata cause) {
        store.lockSlices(List.of(requested.sliceId()));
        Optional<Certificate> certificate = store.find(requested.certificateId());
        Verdict verdict = CertificateRules.checkTransfer(certificate, new TransferSlice(requested.certificateId(),
                requested.sliceId(), requested.receiver(), requested.requestedBy()));
        if (verdict instanceof Verdict.Violation(String reason)) {
            publish(requested.rejected(reason), cause);
        } else if (!store.reserve(List.of(requested.sliceId()), requested.commandId())) {
            publish(requested.rejected(reservedReason(requested.sliceId())), cause);
        } else {
            var slice = certificate.orElseThrow().slice(requested.sliceId()).orElseThrow();
            publish(requested.validated(slice.owner(), slice.quantity()), cause);
        }
    }

    public void validate(SliceCertificateRequested requested, EventMetadata cause) {
        if (requested.quantities().size() != requested.newSliceIds().size()) {
            publish(requested.rejected("there must be one new slice id per quantity"), cause);
            return;
        }
        List<NewSlice> parts = IntStream.range(0, requested.quantities().size())
                .mapToObj(i -> new NewSlice(requested.newSliceIds().get(i), requested.quantities().get(i))).toList();
        store.lockSlices(List.of(requested.sliceId()));
        Optional<Certificate> certificate = store.find(requested.certificateId());
        Verdict verdict = CertificateRules.checkSlice(certificate, new SliceCertificate(requested.certificateId(),
                requested.sliceId(), parts, requested.requestedBy()));
        if (verdict instanceof Verdict.Violation(String reason)) {
            publish(requested.rejected(reason), cause);
        } else if (!store.reserve(List.of(requested.sliceId()), requested.commandId())) {
            publish(requested.rejected(reservedReason(requested.sliceId())), cause);
        } else {
            var slice = certificate.orElseThrow().slice(requested.sliceId()).orElseThrow();
            publish(requested.validated(slice.owner(), slice.quantity()), cause);
        }
    }

    public void validate(ClaimRequested requested, EventMetadata cause) {
        store.lockSlices(List.of(requested.productionSliceId(), requested.consumptionSliceId()));
        Optional<Certificate> production = store.find(requested.productionCertificateId());
        Optional<Certificate> consumption = store.find(requested.consumptionCertificateId());
        Verdict verdict = CertificateRules.checkClaim(production, consumption, new Claim(requested.claimId(),
                requested.productionCertificateId(), requested.productionSliceId(),
                requested.consumptionCertificateId(), requested.consumptionSliceId(), requested.requestedBy()));
        if (verdict instanceof Verdict.Violation(String reason)) {
            publish(requested.rejected(reason), cause);
        } else if (!store.reserve(List.of(requested.productionSliceId(), requested.consumptionSliceId()),
                requested.commandId())) {
            publish(requested.rejected("slice " + requested.productionSliceId() + " or "
                    + requested.consumptionSliceId() + " is reserved by another command"), cause);
        } else {
            var slice = production.orElseThrow().slice(requested.productionSliceId()).orElseThrow();
            publish(requested.validated(slice.owner(), slice.quantity()), cause);
        }
    }

    private void publish(CertificateEvent event, EventMetadata cause) {
        publisher.publish(event, cause);
    }
}
