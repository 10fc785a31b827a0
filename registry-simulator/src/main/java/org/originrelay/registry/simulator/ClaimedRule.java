package org.originrelay.registry.simulator;

import org.originrelay.registry.protocol.v1.electricity.ClaimedEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * A claim finalises an allocation on one stream; the allocation must be recorded on both streams first,
 * and the claim signed by the owner of the allocated slice.
 */
final class ClaimedRule implements EventRule {

    @Override
    public void apply(Transaction transaction, String streamId, Streams streams) {
        ClaimedEvent event = Checks.payload(transaction, ClaimedEvent.parser());
        Checks.sameStream(transaction, event.getCertificateId());
        CertificateStream stream = streams.require(streamId);
        String allocationId = event.getAllocationId().getValue();
        Allocation allocation = stream.allocation(allocationId).orElseThrow(
                () -> new Rejection("allocation " + allocationId + " not found on stream " + streamId));
        Slice slice = stream.slice(allocation.sliceHash()).orElseThrow();
        if (slice.state() == SliceState.CLAIMED) {
            throw new Rejection("allocation " + allocationId + " already claimed on stream " + streamId);
        }
        Checks.signedBy(transaction, slice.owner());
        streams.ifLocal(allocation.counterpart())
                .filter(counterpart -> counterpart.allocation(allocationId).isEmpty())
                .ifPresent(counterpart -> {
                    throw new Rejection("allocation " + allocationId + " not found on stream " + counterpart.id());
                });

        stream.putSlice(allocation.sliceHash(), slice.in(SliceState.CLAIMED));
    }
}
