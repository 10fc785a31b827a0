package org.originrelay.contracts.domain;

import java.util.List;
import java.util.UUID;

/** Cut a slice into new slices of the same owner whose quantities add up to the original. */
public record SliceCertificate(UUID certificateId, UUID sliceId, List<NewSlice> newSlices, String requestedBy) {

    public SliceCertificate {
        newSlices = List.copyOf(newSlices);
    }
}
