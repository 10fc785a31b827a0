package org.originrelay.registry.protocol;

import java.util.OptionalLong;
import java.util.UUID;
import org.originrelay.registry.protocol.v1.electricity.Commitment;

/**
 * Commits a slice's quantity into the {@link Commitment} that travels in registry transactions. The
 * scheme sits behind this interface so that a real one (Pedersen with Bulletproofs, as Project Origin
 * uses) can replace {@link OpenedHashCommitments} without touching transaction building.
 */
public interface QuantityCommitments {

    /** The commitment to {@code quantity} for the slice {@code sliceId}; the same inputs give the same commitment. */
    Commitment commit(long quantity, UUID sliceId);

    /** The committed quantity if the commitment opens correctly and is in range, otherwise empty. */
    OptionalLong verifyOpening(Commitment commitment);
}
