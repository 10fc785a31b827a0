package org.originrelay.contracts.domain;

import java.util.List;
import java.util.UUID;

/**
 * What a change of one certificate did to its slices, so that a store writes only those: a transfer or a
 * claim changes one slice, a slicing removes one and adds its parts, whatever else the certificate has.
 *
 * @param removed the ids of the slices the older state has and the newer one has not, in the older order
 * @param changed the newer state's slices that the older one has with other values, in the newer order
 * @param added the newer state's slices the older one has not, in the newer order
 */
public record SliceChanges(List<UUID> removed, List<Slice> changed, List<Slice> added) {

    public SliceChanges {
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        added = List.copyOf(added);
    }
}
