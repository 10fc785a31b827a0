package org.originrelay.registry.protocol;

import org.originrelay.registry.protocol.v1.electricity.Commitment;

/** A slice is named on its stream by the hash of its quantity commitment, as in Project Origin. */
public final class SliceHashes {

    private SliceHashes() {
    }

    /** SHA-256 of the commitment's content. */
    public static byte[] of(Commitment commitment) {
        return Digests.sha256(commitment.getContent().toByteArray());
    }
}
