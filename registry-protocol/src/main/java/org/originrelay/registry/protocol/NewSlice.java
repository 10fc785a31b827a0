package org.originrelay.registry.protocol;

import java.util.Objects;
import java.util.UUID;

/** One of the slices a slice transaction cuts its source into. */
public record NewSlice(UUID sliceId, long quantity) {

    public NewSlice {
        Objects.requireNonNull(sliceId, "sliceId");
    }
}
