package org.originrelay.registry.simulator;

import org.originrelay.registry.protocol.v1.electricity.ClaimedEvent;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * A claim finalises an allocation on one stream, signed by the owner of the allocated slice
 * (verifier_electricity {@code Verifiers/Claimed.cs}, in its order): the production side needs the
 * consumption side allocated, the consumption side needs the production side claimed, and neither
 * counterpart may be withdrawn.
 */
final class ClaimedRule implements EventRule {

    private final Expiry expiry;

    ClaimedRule(Expiry expiry) {
        this.expiry = expiry;
    }

    @Override
    public void apply(Transaction transaction, String streamId, Streams streams) {
        ClaimedEvent event = Checks.payload(transaction, ClaimedEvent.parser());
        Checks.sameStream(transaction, event.getCertificateId());
        CertificateStream stream = streams.require(streamId);
        Checks.usable(stream, expiry);
        String allocationId = event.getAllocationId().getValue();
        Allocation allocation = stream.openAllocation(allocationId)
                .orElseThrow(() -> new Rejection("Allocation does not exist"));
        Slice slice = stream.slice(allocation.sliceHash()).orElseThrow();
        Checks.signedByOwner(transaction, slice);
        if (stream.type() == GranularCertificateType.PRODUCTION) {
            streams.counterpart(allocation.counterpart(), "ConsumptionCertificate does not exist")
                    .ifPresent(consumption -> {
                        if (consumption.withdrawn()) {
                            throw new Rejection("ConsumptionCertificate is withdrawn");
                        }
                        if (consumption.type() != GranularCertificateType.CONSUMPTION) {
                            throw new Rejection("ConsumptionCertificate is not a consumption certificate");
                        }
                        if (consumption.openAllocation(allocationId).isEmpty()) {
                            throw new Rejection("Consumption not allocated");
                        }
                    });
        } else {
            streams.counterpart(allocation.counterpart(), "ProductionCertificate does not exist")
                    .ifPresent(production -> {
                        if (production.withdrawn()) {
                            throw new Rejection("ProductionCertificate is withdrawn");
                        }
                        if (production.type() != GranularCertificateType.PRODUCTION) {
                            throw new Rejection("ProductionCertificate is not a production certificate");
                        }
                        if (production.claim(allocationId).isEmpty()) {
                            throw new Rejection("Production not claimed");
                        }
                    });
        }

        stream.putSlice(allocation.sliceHash(), slice.in(SliceState.CLAIMED));
    }
}
