package org.originrelay.contracts.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A Guarantee-of-Origin certificate and its slices. Immutable: every change returns a new certificate.
 * Its invariant, checked on construction: the slices' quantities add up to the certificate's quantity
 * and no slice id appears twice. Changes assume their rule in {@link CertificateRules} allowed them;
 * applying a change the rules forbid is a programming error.
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
        long sum = slices.stream().mapToLong(Slice::quantity).sum();
        if (sum != quantity) {
            throw new IllegalStateException("slices of certificate " + certificateId + " add up to " + sum
                    + ", not its quantity " + quantity);
        }
        if (new HashSet<>(slices.stream().map(Slice::sliceId).toList()).size() != slices.size()) {
            throw new IllegalStateException("certificate " + certificateId + " has a slice id twice");
        }
    }

    public static Certificate issue(IssueCertificate command) {
        return new Certificate(command.certificateId(), command.type(), command.gridArea(), command.start(),
                command.end(), command.quantity(),
                List.of(new Slice(command.sliceId(), command.owner(), command.quantity(), SliceState.AVAILABLE)));
    }

    public Optional<Slice> slice(UUID sliceId) {
        return slices.stream().filter(slice -> slice.sliceId().equals(sliceId)).findFirst();
    }

    public Certificate transfer(UUID sliceId, String receiver) {
        return replace(sliceId, List.of(existing(sliceId).ownedBy(receiver)));
    }

    public Certificate slice(UUID sourceSliceId, List<NewSlice> newSlices) {
        Slice source = existing(sourceSliceId);
        return replace(sourceSliceId, newSlices.stream()
                .map(part -> new Slice(part.sliceId(), source.owner(), part.quantity(), SliceState.AVAILABLE))
                .toList());
    }

    public Certificate claimSlice(UUID sliceId) {
        return replace(sliceId, List.of(existing(sliceId).claimed()));
    }

    private Slice existing(UUID sliceId) {
        return slice(sliceId).orElseThrow(() -> new IllegalStateException(
                "slice " + sliceId + " does not exist on certificate " + certificateId));
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
