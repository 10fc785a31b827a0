package org.originrelay.contracts.domain;

import java.util.Objects;
import java.util.UUID;

/** A part of a certificate's quantity with one owner. */
public record Slice(UUID sliceId, String owner, long quantity, SliceState state) {

    public Slice {
        Objects.requireNonNull(sliceId, "sliceId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(state, "state");
        if (owner.isBlank()) {
            throw new IllegalArgumentException("slice " + sliceId + " needs an owner");
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException("a slice's quantity must be positive, got " + quantity);
        }
    }

    public boolean isAvailable() {
        return state == SliceState.AVAILABLE;
    }

    Slice ownedBy(String newOwner) {
        return new Slice(sliceId, newOwner, quantity, state);
    }

    Slice claimed() {
        return new Slice(sliceId, owner, quantity, SliceState.CLAIMED);
    }
}
