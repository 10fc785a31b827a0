package org.originrelay.validator.validation;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.originrelay.contracts.domain.Certificate;
import org.originrelay.contracts.domain.CertificateRules;
import org.originrelay.contracts.domain.Slice;
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
import org.originrelay.validator.owners.KnownOwners;
import org.springframework.stereotype.Service;

/**
 * Turns each requested command into {@code validated} or {@code rejected}: lock the slices involved,
 * read them, apply the domain rules, then hold what the command will change or create (its slices, a
 * new certificate id, new slice ids) until the registry answers. Runs in the consumer's transaction, so
 * the holds and the outgoing event commit together. Locking before reading matters: the registry's
 * answer to an earlier command (moving the slice and freeing it) may commit at any moment on the other
 * queue, and a decision must never combine the old owner with the new freedom.
 */
@Service
public class CommandValidation {

    /**
     * command-api always sets the requester (the token's subject); a command without one did not come
     * through it, and the ownership rules would have nobody to check against.
     */
    static final String NO_REQUESTER = "the command names no requester (requestedBy)";

    static String reservedReason(List<UUID> sliceIds) {
        return sliceIds.size() == 1
                ? "slice " + sliceIds.getFirst() + " is reserved by another command"
                : "slice " + sliceIds.get(0) + " or " + sliceIds.get(1) + " is reserved by another command";
    }

    private final CertificateStore store;
    private final KnownOwners knownOwners;
    private final CertificateEventPublisher publisher;

    CommandValidation(CertificateStore store, KnownOwners knownOwners, CertificateEventPublisher publisher) {
        this.store = store;
        this.knownOwners = knownOwners;
        this.publisher = publisher;
    }

    public void validate(IssueCertificateRequested requested, EventMetadata cause) {
        if (unattributed(requested.requestedBy())) {
            publisher.publish(requested.rejected(NO_REQUESTER), cause);
            return;
        }
        UUID commandId = requested.commandId();
        Verdict verdict = CertificateRules.checkIssue(store.find(requested.certificateId()),
                sliceId -> store.sliceIdInUse(sliceId, commandId), requested.issueCommand());
        decide(verdict, commandId, () -> store.claimCertificateId(requested.certificateId(), commandId)
                        ? promise(List.of(requested.sliceId()), commandId)
                        : Optional.of("certificate " + requested.certificateId()
                                + " is being issued by another command"),
                requested::rejected, cause, requested::validated);
    }

    public void validate(TransferSliceRequested requested, EventMetadata cause) {
        if (unattributed(requested.requestedBy())) {
            publisher.publish(requested.rejected(NO_REQUESTER), cause);
            return;
        }
        List<UUID> slices = List.of(requested.sliceId());
        store.lockSlices(slices);
        Optional<UUID> creator = store.creatorOf(requested.sliceId());
        Optional<Certificate> certificate = store.find(requested.certificateId());
        awaitCreation(certificate, requested.sliceId(), creator, requested.commandId());
        Verdict verdict = CertificateRules.checkTransfer(certificate, new TransferSlice(requested.certificateId(),
                requested.sliceId(), requested.receiver(), requested.requestedBy()));
        if (verdict.isAllowed()) {
            verdict = knownOwners.refusalFor(requested.receiver()).<Verdict>map(Verdict.Violation::new).orElse(verdict);
        }
        decide(verdict, requested.commandId(), () -> reserve(slices, requested.commandId()), requested::rejected,
                cause, () -> {
                    Slice slice = certificate.orElseThrow().slice(requested.sliceId()).orElseThrow();
                    return requested.validated(slice.owner(), slice.quantity());
                });
    }

    public void validate(SliceCertificateRequested requested, EventMetadata cause) {
        if (unattributed(requested.requestedBy())) {
            publisher.publish(requested.rejected(NO_REQUESTER), cause);
            return;
        }
        if (requested.quantities().size() != requested.newSliceIds().size()) {
            publisher.publish(requested.rejected("there must be one new slice id per quantity"), cause);
            return;
        }
        UUID commandId = requested.commandId();
        List<UUID> slices = List.of(requested.sliceId());
        store.lockSlices(slices);
        Optional<UUID> creator = store.creatorOf(requested.sliceId());
        Optional<Certificate> certificate = store.find(requested.certificateId());
        awaitCreation(certificate, requested.sliceId(), creator, commandId);
        Verdict verdict = CertificateRules.checkSlice(certificate, sliceId -> store.sliceIdInUse(sliceId, commandId),
                new SliceCertificate(requested.certificateId(), requested.sliceId(), requested.newSlices(),
                        requested.requestedBy()));
        decide(verdict, commandId,
                () -> reserve(slices, commandId).or(() -> promise(requested.newSliceIds(), commandId)),
                requested::rejected, cause, () -> {
                    Slice slice = certificate.orElseThrow().slice(requested.sliceId()).orElseThrow();
                    return requested.validated(slice.owner(), slice.quantity());
                });
    }

    public void validate(ClaimRequested requested, EventMetadata cause) {
        if (unattributed(requested.requestedBy())) {
            publisher.publish(requested.rejected(NO_REQUESTER), cause);
            return;
        }
        List<UUID> slices = List.of(requested.productionSliceId(), requested.consumptionSliceId());
        store.lockSlices(slices);
        Optional<UUID> productionCreator = store.creatorOf(requested.productionSliceId());
        Optional<UUID> consumptionCreator = store.creatorOf(requested.consumptionSliceId());
        Optional<Certificate> production = store.find(requested.productionCertificateId());
        Optional<Certificate> consumption = store.find(requested.consumptionCertificateId());
        awaitCreation(production, requested.productionSliceId(), productionCreator, requested.commandId());
        awaitCreation(consumption, requested.consumptionSliceId(), consumptionCreator, requested.commandId());
        Verdict verdict = CertificateRules.checkClaim(production, consumption, requested.claimCommand());
        decide(verdict, requested.commandId(), () -> reserve(slices, requested.commandId()), requested::rejected,
                cause, () -> {
                    Slice slice = production.orElseThrow().slice(requested.productionSliceId()).orElseThrow();
                    return requested.validated(slice.owner(), slice.quantity());
                });
    }

    /**
     * Rejected with the rule's reason, rejected because another command holds something this one needs,
     * or validated. {@code hold} takes what the command needs and says why it could not, if so.
     */
    private void decide(Verdict verdict, UUID commandId, Supplier<Optional<String>> hold,
            Function<String, ? extends CertificateEvent> rejected, EventMetadata cause,
            Supplier<? extends CertificateEvent> validated) {
        if (verdict instanceof Verdict.Violation(String reason)) {
            publisher.publish(rejected.apply(reason), cause);
            return;
        }
        Optional<String> refusal = hold.get();
        if (refusal.isPresent()) {
            // All or nothing: what was taken before the refusal must not stay held by a rejected command.
            store.release(commandId);
            publisher.publish(rejected.apply(refusal.get()), cause);
        } else {
            publisher.publish(validated.get(), cause);
        }
    }

    /**
     * Read your writes: a slice the view lacks but another command, validated and on its way to the
     * registry, is creating (its id is promised to it) is not "unknown" yet. The decision waits, through
     * the kit's retries, until that command's outcome is applied: then the slice is in the view, or the
     * promise is gone and the slice is unknown for good.
     *
     * <p>{@code creator} must be read before the certificate: each statement sees what was committed when it
     * began, and the creator's outcome adds the slice and drops the promise in one commit. Read in this order,
     * a promise gone at the first read means the slice is there at the second; the other order could miss
     * both, the outcome committing in between.
     */
    private static void awaitCreation(Optional<Certificate> certificate, UUID sliceId, Optional<UUID> creator,
            UUID commandId) {
        if (certificate.flatMap(found -> found.slice(sliceId)).isPresent()) {
            return;
        }
        creator.filter(holder -> !holder.equals(commandId)).ifPresent(holder -> {
            throw new StillBeingCreated("slice " + sliceId + " is being created by command " + holder
                    + ", whose registry outcome the view has not applied yet");
        });
    }

    private static boolean unattributed(String requestedBy) {
        return requestedBy == null || requestedBy.isBlank();
    }

    private Optional<String> reserve(List<UUID> sliceIds, UUID commandId) {
        return store.reserve(sliceIds, commandId) ? Optional.empty() : Optional.of(reservedReason(sliceIds));
    }

    private Optional<String> promise(List<UUID> newSliceIds, UUID commandId) {
        return store.promiseSliceIds(newSliceIds, commandId).stream().findFirst()
                .map(taken -> "slice id " + taken + " is being created by another command");
    }
}
