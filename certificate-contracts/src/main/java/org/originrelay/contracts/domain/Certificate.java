package org.originrelay.contracts.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.originrelay.contracts.domain.CertificateRules.requireAllowed;

/**
 * A Guarantee-of-Origin certificate and its slices. Immutable: every change returns a new certificate.
 * Its invariant, checked on construction: the slices' quantities add up to the certificate's quantity
 * and no slice id appears twice.
 *
 * <p>The changes ({@link #issue}, {@link #transfer}, {@link #slice(UUID, List)}, {@link #claimSlice}) are
 * how the services apply what the rules allowed. They re-check the rule, without the requester (the
 * registry may have accepted it on someone's behalf), and throw {@link IllegalStateException} when it
 * fails: reaching that point is a bug or a view out of step with the registry, never a user error.
 */
public record Certificate(UUID certificateId, CertificateType type, String gridArea, Instant start, Instant end,
        long quantity, List<Slice> slices) {

    public Certificate {
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(gridArea, "gridArea");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        slices = List.copyOf(slices);
        // One plain loop: every change of a view builds certificates, and streams and BigInteger cost a
        // service's outcome thread more than the check itself. A slice's quantity is never negative, so a
        // sum past Long.MAX_VALUE is past every quantity: once it gets there it is flagged, never trusted.
        long sum = 0;
        boolean beyondLong = false;
        boolean everyQuantityKnown = true;
        boolean sliceIdTwice = false;
        Set<UUID> ids = HashSet.newHashSet(slices.size());
        for (Slice slice : slices) {
            beyondLong |= sum > Long.MAX_VALUE - slice.quantity();
            sum += slice.quantity();
            everyQuantityKnown &= slice.quantityKnown();
            sliceIdTwice |= !ids.add(slice.sliceId());
        }
        // A slice of unknown quantity (seen only on the registry) holds some of the rest: no exact sum then.
        if (beyondLong || (everyQuantityKnown ? sum != quantity : sum > quantity)) {
            throw new IllegalStateException("slices of certificate " + certificateId + " add up to "
                    + Quantities.sum(slices.stream().mapToLong(Slice::quantity))
                    + (everyQuantityKnown ? ", not its quantity " : ", more than its quantity ") + quantity);
        }
        if (sliceIdTwice) {
            throw new IllegalStateException("certificate " + certificateId + " has a slice id twice");
        }
    }

    /** The new certificate: its whole quantity is one AVAILABLE slice of the owner. */
    public static Certificate issue(IssueCertificate command) {
        requireAllowed(CertificateRules.checkIssue(command));
        return new Certificate(command.certificateId(), command.type(), command.gridArea(), command.start(),
                command.end(), command.quantity(),
                List.of(new Slice(command.sliceId(), command.owner(), command.quantity(), SliceState.AVAILABLE)));
    }

    public Optional<Slice> slice(UUID sliceId) {
        return slices.stream().filter(slice -> slice.sliceId().equals(sliceId)).findFirst();
    }

    /** The whole slice now belongs to {@code receiver}. */
    public Certificate transfer(UUID sliceId, String receiver) {
        requireAllowed(CertificateRules.checkTransfer(Optional.of(this),
                new TransferSlice(certificateId, sliceId, receiver, null)));
        return replace(sliceId, List.of(slice(sliceId).orElseThrow().ownedBy(receiver)));
    }

    /** The source slice is gone; the new slices, AVAILABLE and of the same owner, take its place. */
    public Certificate slice(UUID sourceSliceId, List<NewSlice> newSlices) {
        requireAllowed(CertificateRules.checkSlice(Optional.of(this),
                new SliceCertificate(certificateId, sourceSliceId, newSlices, null)));
        String owner = slice(sourceSliceId).orElseThrow().owner();
        return replace(sourceSliceId, newSlices.stream()
                .map(part -> new Slice(part.sliceId(), owner, part.quantity(), SliceState.AVAILABLE))
                .toList());
    }

    /**
     * The slices a newer state of this certificate no longer has, or has with another owner or state: what
     * was held on them (reservations) no longer holds.
     */
    public List<UUID> slicesMovedIn(Certificate newer) {
        return slices.stream().filter(slice -> newer.slice(slice.sliceId())
                        .map(now -> !now.owner().equals(slice.owner()) || now.state() != slice.state())
                        .orElse(true))
                .map(Slice::sliceId).toList();
    }

    /**
     * What a newer state of this certificate did to its slices: which are gone, which changed, which are new.
     * Applying it to these slices gives the newer ones.
     *
     * @throws IllegalArgumentException when {@code newer} is another certificate
     */
    public SliceChanges changesTo(Certificate newer) {
        if (!certificateId.equals(newer.certificateId())) {
            throw new IllegalArgumentException("certificate " + newer.certificateId()
                    + " is not a newer state of certificate " + certificateId);
        }
        Map<UUID, Slice> older = new HashMap<>(slices.size() * 2);
        slices.forEach(slice -> older.put(slice.sliceId(), slice));
        List<Slice> changed = new ArrayList<>();
        List<Slice> added = new ArrayList<>();
        for (Slice slice : newer.slices()) {
            Slice old = older.remove(slice.sliceId());
            if (old == null) {
                added.add(slice);
            } else if (!old.equals(slice)) {
                changed.add(slice);
            }
        }
        // What is left of the older slices is what the newer state no longer has.
        List<UUID> removed = slices.stream().map(Slice::sliceId).filter(older::containsKey).toList();
        return new SliceChanges(removed, changed, added);
    }

    /** This certificate's side of a claim; {@link CertificateRules#applyClaim} applies both sides. */
    public Certificate claimSlice(UUID sliceId) {
        requireAllowed(CertificateRules.checkClaimable(this, sliceId));
        return replace(sliceId, List.of(slice(sliceId).orElseThrow().claimed()));
    }

    private Certificate replace(UUID sliceId, List<Slice> replacements) {
        List<Slice> changed = new ArrayList<>(slices.size() + replacements.size());
        for (Slice slice : slices) {
            if (slice.sliceId().equals(sliceId)) {
                changed.addAll(replacements);
            } else {
                changed.add(slice);
            }
        }
        return new Certificate(certificateId, type, gridArea, start, end, quantity, changed);
    }
}
