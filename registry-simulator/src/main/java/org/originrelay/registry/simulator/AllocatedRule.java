package org.originrelay.registry.simulator;

import com.google.protobuf.ByteString;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.originrelay.registry.protocol.CommitmentVerifier;
import org.originrelay.registry.protocol.v1.common.FederatedStreamId;
import org.originrelay.registry.protocol.v1.electricity.AllocatedEvent;
import org.originrelay.registry.protocol.v1.electricity.DateInterval;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * An allocation locks a production slice and a consumption slice of equal quantity for a claim. It is
 * recorded on both streams, the production stream first; the stream's type says which side it is
 * (verifier_electricity {@code Verifiers/Allocated.cs}, in its order). The production side checks the
 * consumption certificate (type, trial attribute, periods one within the other, its slice) and the equality
 * proof labelled with the allocation id; the consumption side requires the production side's allocation.
 * No grid area here has a chronicler, so no chronicler signature is checked (as in the verifier for such
 * an area). This simulator's own checks: the recording stream is the certificate the payload names for its
 * side, and an allocation id is used once per stream (the verifier would accept a second and then fail to
 * rebuild the stream).
 */
final class AllocatedRule implements EventRule {

    private static final String TRIAL_ATTRIBUTE = "IsTrial";

    private final CommitmentVerifier commitments;
    private final Function<String, Optional<byte[]>> issuerKeys;
    private final Expiry expiry;
    private final TimeConstraint timeConstraint;

    AllocatedRule(CommitmentVerifier commitments, Function<String, Optional<byte[]>> issuerKeys, Expiry expiry,
            TimeConstraint timeConstraint) {
        this.commitments = commitments;
        this.issuerKeys = issuerKeys;
        this.expiry = expiry;
        this.timeConstraint = timeConstraint;
    }

    @Override
    public void apply(Transaction transaction, String streamId, Streams streams) {
        AllocatedEvent event = Checks.payload(transaction, AllocatedEvent.parser());
        CertificateStream stream = streams.require(streamId);
        Checks.usable(stream, expiry);
        boolean productionSide = stream.type() == GranularCertificateType.PRODUCTION;
        FederatedStreamId named = productionSide ? event.getProductionCertificateId() : event.getConsumptionCertificateId();
        if (!transaction.getHeader().getFederatedStreamId().equals(named)) {
            throw new Rejection("allocation on a " + stream.type() + " certificate must name it as "
                    + (productionSide ? "production_certificate_id" : "consumption_certificate_id"));
        }
        ByteString sliceHash =
                productionSide ? event.getProductionSourceSliceHash() : event.getConsumptionSourceSliceHash();
        Slice slice = stream.availableSlice(sliceHash, "Certificate slice does not exist");
        Checks.signedByOwner(transaction, slice);
        if (issuerKeys.apply(stream.gridArea()).isEmpty()) {
            throw new Rejection("Area does not exist");
        }
        String allocationId = event.getAllocationId().getValue();
        if (stream.allocation(allocationId).isPresent()) {
            throw new Rejection("allocation " + allocationId + " already exists on stream " + streamId);
        }
        if (productionSide) {
            streams.counterpart(event.getConsumptionCertificateId(), "ConsumptionCertificate does not exist")
                    .ifPresent(consumption -> checkConsumption(event, stream, slice, consumption));
        } else {
            streams.counterpart(event.getProductionCertificateId(), "ProductionCertificate does not exist")
                    .filter(production -> production.openAllocation(allocationId).isEmpty())
                    .ifPresent(production -> {
                        throw new Rejection("Production not allocated");
                    });
        }

        stream.putSlice(sliceHash, slice.in(SliceState.ALLOCATED));
        stream.putAllocation(allocationId, new Allocation(sliceHash,
                productionSide ? event.getConsumptionCertificateId() : event.getProductionCertificateId()));
    }

    private void checkConsumption(AllocatedEvent event, CertificateStream production, Slice productionSlice,
            CertificateStream consumption) {
        if (consumption.type() != GranularCertificateType.CONSUMPTION) {
            throw new Rejection("ConsumptionCertificate is not a consumption certificate");
        }
        if (!sameTrialType(production.attribute(TRIAL_ATTRIBUTE), consumption.attribute(TRIAL_ATTRIBUTE))) {
            throw new Rejection("Certificate " + Checks.uuidAsCSharpPrints(production.id()) + " and "
                    + Checks.uuidAsCSharpPrints(consumption.id()) + " are not of the same trial type");
        }
        if (timeConstraint == TimeConstraint.ENCLOSING && !enclosingOrEnclosed(consumption.period(), production.period())) {
            throw new Rejection("Periods are not overlapping");
        }
        Slice consumptionSlice = consumption.availableSlice(event.getConsumptionSourceSliceHash(),
                "Consumption slice does not exist");
        if (!commitments.verifyEquality(event.getEqualityProof().toByteArray(), productionSlice.commitment(),
                consumptionSlice.commitment(), event.getAllocationId().getValue())) {
            throw new Rejection("Invalid Equality proof");
        }
    }

    /** The verifier's {@code IsTrial.Match}: equal, or one absent and the other "false". */
    static boolean sameTrialType(Optional<String> left, Optional<String> right) {
        return left.equals(right)
                || (left.isEmpty() && right.equals(Optional.of("false")))
                || (left.equals(Optional.of("false")) && right.isEmpty());
    }

    /** The verifier's {@code IsEnclosingOrEnclosed}: one period lies within the other, ends included. */
    static boolean enclosingOrEnclosed(DateInterval first, DateInterval second) {
        Instant aStart = Checks.instant(first.getStart());
        Instant aEnd = Checks.instant(first.getEnd());
        Instant bStart = Checks.instant(second.getStart());
        Instant bEnd = Checks.instant(second.getEnd());
        return (!aStart.isBefore(bStart) && !aEnd.isAfter(bEnd)) || (!bStart.isBefore(aStart) && !bEnd.isAfter(aEnd));
    }
}
