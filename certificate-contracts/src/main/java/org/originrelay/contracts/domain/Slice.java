package org.originrelay.contracts.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * A part of a certificate's quantity with one owner.
 *
 * @param allocationId the registry's allocation holding the slice for a claim: required when ALLOCATED,
 *        kept (when known) once CLAIMED, null otherwise
 * @param quantityKnown false for a slice the registry has whose quantity Origin Relay never committed (made
 *        elsewhere, seen only by reconciliation): then {@code quantity} is 0, and the slice cannot be used,
 *        since nobody here can open its commitment
 */
public record Slice(UUID sliceId, String owner, long quantity, SliceState state, UUID allocationId,
        boolean quantityKnown) {

    public Slice {
        Objects.requireNonNull(sliceId, "sliceId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(state, "state");
        if (owner.isBlank()) {
            throw new IllegalArgumentException("slice " + sliceId + " needs an owner");
        }
        if (quantityKnown && quantity <= 0) {
            throw new IllegalArgumentException("a slice's quantity must be positive, got " + quantity);
        }
        if (!quantityKnown && quantity != 0) {
            throw new IllegalArgumentException("a slice of unknown quantity is given no quantity, got " + quantity);
        }
        if (state == SliceState.ALLOCATED && allocationId == null) {
            throw new IllegalArgumentException("allocated slice " + sliceId + " needs its allocation id");
        }
        if (state == SliceState.AVAILABLE && allocationId != null) {
            throw new IllegalArgumentException("available slice " + sliceId + " cannot have an allocation id");
        }
    }

    /** A slice whose quantity Origin Relay committed, and which no allocation holds. */
    public Slice(UUID sliceId, String owner, long quantity, SliceState state) {
        this(sliceId, owner, quantity, state, null, true);
    }

    /** A slice the registry shows whose quantity Origin Relay cannot know. */
    public static Slice ofUnknownQuantity(UUID sliceId, String owner, SliceState state, UUID allocationId) {
        return new Slice(sliceId, owner, 0, state, allocationId, false);
    }

    public boolean isAvailable() {
        return state == SliceState.AVAILABLE;
    }

    public boolean isAllocatedTo(UUID allocation) {
        return state == SliceState.ALLOCATED && allocationId.equals(allocation);
    }

    Slice ownedBy(String newOwner) {
        return new Slice(sliceId, newOwner, quantity, state, allocationId, quantityKnown);
    }

    Slice claimed() {
        return new Slice(sliceId, owner, quantity, SliceState.CLAIMED, allocationId, quantityKnown);
    }
}
