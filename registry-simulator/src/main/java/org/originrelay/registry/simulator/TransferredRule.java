package org.originrelay.registry.simulator;

import org.originrelay.registry.protocol.v1.electricity.TransferredEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/** A transfer hands an available slice to a new owner; the slice keeps its commitment and so its hash. */
final class TransferredRule implements EventRule {

    @Override
    public void apply(Transaction transaction, String streamId, Streams streams) {
        TransferredEvent event = Checks.payload(transaction, TransferredEvent.parser());
        Checks.sameStream(transaction, event.getCertificateId());
        CertificateStream stream = streams.require(streamId);
        Slice slice = stream.availableSlice(event.getSourceSliceHash(), "source slice");
        Checks.signedBy(transaction, slice.owner());
        Checks.ed25519(event.getNewOwner(), "new owner key");

        stream.putSlice(event.getSourceSliceHash(), slice.ownedBy(event.getNewOwner()));
    }
}
