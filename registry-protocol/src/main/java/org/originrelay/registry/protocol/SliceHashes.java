package org.originrelay.registry.protocol;

import org.originrelay.registry.protocol.v1.electricity.Commitment;

/** A slice is named on its stream by the hash of its quantity commitment, as in Project Origin. */
public final class SliceHashes {

    private SliceHashes() {
    }

    /** SHA-256 of the commitment's content. */
    public static byte[] of(Commitment commitment) {
        return ofContent(commitment.getContent().toByteArray());
    }

    /** SHA-256 of a commitment's content bytes. */
    public static byte[] ofContent(byte[] content) {
        return Digests.sha256(content);
    }
}
