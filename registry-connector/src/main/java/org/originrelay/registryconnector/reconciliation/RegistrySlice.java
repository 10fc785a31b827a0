package org.originrelay.registryconnector.reconciliation;

import com.google.protobuf.ByteString;
import java.util.Objects;
import java.util.UUID;
import org.originrelay.contracts.domain.SliceState;

/**
 * One slice as a certificate's stream has it, before Origin Relay's names are put on it.
 *
 * @param sliceHash the registry's slice hash, base64
 * @param ownerKey the owner's public key as it travels (SubjectPublicKeyInfo DER)
 * @param allocationId set while ALLOCATED and once CLAIMED
 */
public record RegistrySlice(String sliceHash, ByteString ownerKey, SliceState state, UUID allocationId) {

    public RegistrySlice {
        Objects.requireNonNull(sliceHash, "sliceHash");
        Objects.requireNonNull(ownerKey, "ownerKey");
        Objects.requireNonNull(state, "state");
    }

    RegistrySlice ownedBy(ByteString newOwner) {
        return new RegistrySlice(sliceHash, newOwner, state, allocationId);
    }

    RegistrySlice allocated(UUID allocation) {
        return new RegistrySlice(sliceHash, ownerKey, SliceState.ALLOCATED, allocation);
    }

    RegistrySlice claimed() {
        return new RegistrySlice(sliceHash, ownerKey, SliceState.CLAIMED, allocationId);
    }
}
