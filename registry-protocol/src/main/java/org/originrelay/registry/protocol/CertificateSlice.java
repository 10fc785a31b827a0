package org.originrelay.registry.protocol;

import java.util.Objects;
import java.util.UUID;

/** A slice as an allocation names it: its certificate, its id, and the quantity it was committed with. */
public record CertificateSlice(UUID certificateId, UUID sliceId, long quantity) {

    public CertificateSlice {
        Objects.requireNonNull(certificateId, "certificateId");
        Objects.requireNonNull(sliceId, "sliceId");
    }
}
