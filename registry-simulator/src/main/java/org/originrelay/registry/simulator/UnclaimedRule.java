package org.originrelay.registry.simulator;

import org.originrelay.registry.protocol.v1.electricity.UnclaimedEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * Undoes a claim once the opposite certificate is withdrawn: the claimed slice is available again to its
 * owner under the same hash, and the allocation is gone (verifier_electricity {@code Verifiers/Unclaimed.cs}
 * and {@code GranularCertificate.Apply(UnclaimedEvent)}). Signed by the owner of the claimed slice.
 */
final class UnclaimedRule implements EventRule {

    @Override
    public void apply(Transaction transaction, String streamId, Streams streams) {
        UnclaimedEvent event = Checks.payload(transaction, UnclaimedEvent.parser());
        CertificateStream stream = streams.require(streamId);
        if (stream.withdrawn()) {
            throw new Rejection(Checks.CERTIFICATE_WITHDRAWN);
        }
        String allocationId = event.getAllocationId().getValue();
        Allocation claim = stream.claim(allocationId)
                .orElseThrow(() -> new Rejection("Certificate claim does not exist"));
        Slice slice = stream.slice(claim.sliceHash()).orElseThrow();
        Checks.signedBy(transaction, slice.owner().getContent(), "Invalid signature for claim");
        // Undoing a claim rests on the withdrawal, so an opposite certificate this simulator cannot see
        // (another registry's) is not taken on trust.
        CertificateStream opposite = streams.counterpart(claim.counterpart(), "Opposite certificate does not exist")
                .orElseThrow(() -> new Rejection("opposite certificate is on registry '"
                        + claim.counterpart().getRegistry() + "', which this simulator cannot read"));
        if (!opposite.withdrawn()) {
            throw new Rejection("Opposite certificate is NOT withdrawn");
        }

        stream.putSlice(claim.sliceHash(), slice.in(SliceState.AVAILABLE));
        stream.removeAllocation(allocationId);
    }
}
