package org.originrelay.registry.simulator;

import com.google.protobuf.ByteString;
import java.util.Optional;
import org.originrelay.registry.protocol.CommitmentVerifier;
import org.originrelay.registry.protocol.v1.common.FederatedStreamId;
import org.originrelay.registry.protocol.v1.electricity.AllocatedEvent;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * An allocation locks a production slice and a consumption slice of equal quantity for a claim. It is
 * recorded on both streams, the production stream first; the slice on the recording stream must be
 * available and the transaction signed by its owner. On the production stream the equality proof, labelled
 * with the allocation id, must show both slices hold the same quantity (the real verifier checks it there
 * only; the consumption side requires the production side's allocation instead).
 */
final class AllocatedRule implements EventRule {

    private final CommitmentVerifier commitments;

    AllocatedRule(CommitmentVerifier commitments) {
        this.commitments = commitments;
    }

    @Override
    public void apply(Transaction transaction, String streamId, Streams streams) {
        AllocatedEvent event = Checks.payload(transaction, AllocatedEvent.parser());
        FederatedStreamId recordedOn = transaction.getHeader().getFederatedStreamId();
        boolean productionSide = recordedOn.equals(event.getProductionCertificateId());
        if (!productionSide && !recordedOn.equals(event.getConsumptionCertificateId())) {
            throw new Rejection("allocation names neither of its certificates as stream " + streamId);
        }
        CertificateStream stream = streams.require(streamId);
        GranularCertificateType expectedType =
                productionSide ? GranularCertificateType.PRODUCTION : GranularCertificateType.CONSUMPTION;
        if (stream.type() != expectedType) {
            throw new Rejection("stream " + streamId + " is a " + stream.type() + " certificate, not " + expectedType);
        }
        ByteString sliceHash =
                productionSide ? event.getProductionSourceSliceHash() : event.getConsumptionSourceSliceHash();
        Slice slice = stream.availableSlice(sliceHash, productionSide ? "production slice" : "consumption slice");
        Checks.signedBy(transaction, slice.owner());
        String allocationId = event.getAllocationId().getValue();
        if (stream.allocation(allocationId).isPresent()) {
            throw new Rejection("allocation " + allocationId + " already exists on stream " + streamId);
        }
        FederatedStreamId counterpartId =
                productionSide ? event.getConsumptionCertificateId() : event.getProductionCertificateId();
        Optional<Slice> counterpartSlice = streams.ifLocal(counterpartId)
                .map(counterpart -> productionSide
                        ? counterpart.availableSlice(event.getConsumptionSourceSliceHash(), "consumption slice")
                        : allocatedProductionSlice(counterpart, allocationId, event));
        if (productionSide) {
            counterpartSlice.ifPresent(consumption -> requireEqualityProof(event, slice, consumption));
        }

        stream.putSlice(sliceHash, slice.in(SliceState.ALLOCATED));
        stream.putAllocation(allocationId, new Allocation(sliceHash, counterpartId));
    }

    private static Slice allocatedProductionSlice(CertificateStream production, String allocationId,
            AllocatedEvent event) {
        Allocation allocation = production.allocation(allocationId)
                .filter(a -> a.sliceHash().equals(event.getProductionSourceSliceHash()))
                .orElseThrow(() -> new Rejection("allocation " + allocationId + " not found on production stream "
                        + production.id()));
        return production.slice(allocation.sliceHash()).orElseThrow();
    }

    private void requireEqualityProof(AllocatedEvent event, Slice production, Slice consumption) {
        if (!commitments.verifyEquality(event.getEqualityProof().toByteArray(), production.commitment(),
                consumption.commitment(), event.getAllocationId().getValue())) {
            throw new Rejection("Invalid Equality proof");
        }
    }
}
