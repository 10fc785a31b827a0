package org.originrelay.contracts.domain;

import java.util.UUID;

/** Give a whole slice to {@code receiver}; {@code requestedBy} null means ownership is not checked. */
public record TransferSlice(UUID certificateId, UUID sliceId, String receiver, String requestedBy) {
}
