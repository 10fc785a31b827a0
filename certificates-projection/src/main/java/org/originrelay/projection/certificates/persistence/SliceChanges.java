package org.originrelay.projection.certificates.persistence;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.originrelay.contracts.domain.Certificate;
import org.originrelay.contracts.domain.Slice;

/**
 * What a change of one certificate did to its slices, so that only those rows are written: a transfer or a
 * claim changes one row, a slicing removes one and adds its parts, whatever else the certificate has.
 */
record SliceChanges(List<UUID> removed, List<Slice> changed, List<Slice> added) {

    static SliceChanges between(Certificate before, Certificate after) {
        Map<UUID, Slice> old = before.slices().stream().collect(Collectors.toMap(Slice::sliceId, Function.identity()));
        Map<UUID, Slice> now = after.slices().stream().collect(Collectors.toMap(Slice::sliceId, Function.identity()));
        return new SliceChanges(
                before.slices().stream().map(Slice::sliceId).filter(id -> !now.containsKey(id)).toList(),
                after.slices().stream().filter(slice -> old.containsKey(slice.sliceId()))
                        .filter(slice -> !slice.equals(old.get(slice.sliceId()))).toList(),
                after.slices().stream().filter(slice -> !old.containsKey(slice.sliceId())).toList());
    }
}
