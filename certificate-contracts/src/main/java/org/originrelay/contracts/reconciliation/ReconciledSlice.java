package org.originrelay.contracts.reconciliation;

import java.util.Objects;
import java.util.UUID;
import org.originrelay.contracts.domain.SliceState;

/**
 * One slice as the registry has it.
 *
 * @param sliceId Origin Relay's id of the slice; null when the hash maps to no slice Origin Relay made
 * @param sliceHash the registry's slice hash, base64
 * @param owner the owner id the key was derived from, or {@code external:<base64url of the public key>}
 * @param quantity what Origin Relay committed; null when it cannot know (then {@code quantityKnown} is false)
 * @param allocationId set when the state is ALLOCATED or CLAIMED
 */
public record ReconciledSlice(UUID sliceId, String sliceHash, String owner, Long quantity, boolean quantityKnown,
        SliceState state, UUID allocationId) {

    public ReconciledSlice {
        Objects.requireNonNull(sliceHash, "sliceHash");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(state, "state");
        if (quantityKnown != (quantity != null)) {
            throw new IllegalArgumentException("quantityKnown must say whether a quantity is given");
        }
    }
}
