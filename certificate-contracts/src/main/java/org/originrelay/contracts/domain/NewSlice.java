package org.originrelay.contracts.domain;

import java.util.UUID;

/** One of the slices a slice-certificate command cuts a slice into. */
public record NewSlice(UUID sliceId, long quantity) {
}
