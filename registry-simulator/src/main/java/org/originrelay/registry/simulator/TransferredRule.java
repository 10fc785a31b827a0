package org.originrelay.registry.simulator;

import org.originrelay.registry.protocol.v1.electricity.TransferredEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * A transfer hands an available slice to a new owner; the slice keeps its commitment and so its hash
 * (verifier_electricity {@code Verifiers/Transferred.cs}).
 */
final class TransferredRule implements EventRule {

    private final Expiry expiry;

    TransferredRule(Expiry expiry) {
        this.expiry = expiry;
    }

    @Override
    public void apply(Transaction transaction, String streamId, Streams streams) {
        TransferredEvent event = Checks.payload(transaction, TransferredEvent.parser());
        Checks.sameStream(transaction, event.getCertificateId());
        CertificateStream stream = streams.require(streamId);
        Checks.usable(stream, expiry);
        Slice slice = stream.availableSlice(event.getSourceSliceHash(), Checks.SLICE_NOT_FOUND);
        Checks.signedByOwner(transaction, slice);
        Checks.publicKey(event.getNewOwner(), Checks.INVALID_NEW_OWNER);

        stream.putSlice(event.getSourceSliceHash(), slice.ownedBy(event.getNewOwner()));
    }
}
