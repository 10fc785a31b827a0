package org.originrelay.registry.simulator;

import org.originrelay.registry.protocol.v1.electricity.Commitment;
import org.originrelay.registry.protocol.v1.electricity.PublicKey;

/** A slice on a stream: its quantity commitment (whose hash names it), its owner and its state. */
record Slice(Commitment commitment, PublicKey owner, SliceState state) {

    static Slice available(Commitment commitment, PublicKey owner) {
        return new Slice(commitment, owner, SliceState.AVAILABLE);
    }

    Slice ownedBy(PublicKey newOwner) {
        return new Slice(commitment, newOwner, state);
    }

    Slice in(SliceState newState) {
        return new Slice(commitment, owner, newState);
    }
}
