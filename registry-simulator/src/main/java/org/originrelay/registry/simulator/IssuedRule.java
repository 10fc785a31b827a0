package org.originrelay.registry.simulator;

import com.google.protobuf.ByteString;
import java.util.Optional;
import java.util.function.Function;
import org.originrelay.registry.protocol.CommitmentVerifier;
import org.originrelay.registry.protocol.IssuancePeriods;
import org.originrelay.registry.protocol.SliceHashes;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.electricity.IssuedEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * Issuance opens a new stream with one slice; only the grid area's issuer may sign it, and its period is
 * between one minute and one hour long (verifier_electricity {@code Verifiers/Issued.cs}, in its order).
 */
final class IssuedRule implements EventRule {

    private final Function<String, Optional<byte[]>> issuerKeys;
    private final CommitmentVerifier commitments;

    IssuedRule(Function<String, Optional<byte[]>> issuerKeys, CommitmentVerifier commitments) {
        this.issuerKeys = issuerKeys;
        this.commitments = commitments;
    }

    @Override
    public void apply(Transaction transaction, String streamId, Streams streams) {
        IssuedEvent event = Checks.payload(transaction, IssuedEvent.parser());
        Checks.sameStream(transaction, event.getCertificateId());
        if (streams.exists(streamId)) {
            throw new Rejection("Certificate with id \u201d" + Checks.uuidAsCSharpPrints(streamId) + "\u201d already exists");
        }
        if (!commitments.verifyQuantity(event.getQuantityCommitment(), streamId)) {
            throw new Rejection(Checks.INVALID_RANGE_PROOF);
        }
        // The verifier refuses only INVALID; an unknown number would later fail its allocations, so refuse it too.
        if (event.getType() != GranularCertificateType.PRODUCTION
                && event.getType() != GranularCertificateType.CONSUMPTION) {
            throw new Rejection("Invalid certificate type");
        }
        Checks.publicKey(event.getOwnerPublicKey(), "Invalid owner key, not a valid publicKey");
        String periodProblem = IssuancePeriods.problem(Checks.instant(event.getPeriod().getStart()),
                Checks.instant(event.getPeriod().getEnd()));
        if (periodProblem != null) {
            throw new Rejection(periodProblem);
        }
        byte[] issuerKey = issuerKeys.apply(event.getGridArea()).orElseThrow(
                () -> new Rejection("No issuer found for GridArea \u201d" + event.getGridArea() + "\u201d"));
        Checks.signedBy(transaction, ByteString.copyFrom(issuerKey),
                "Invalid issuer signature for GridArea \u201d" + event.getGridArea() + "\u201d");

        CertificateStream stream = new CertificateStream(streamId, event);
        stream.putSlice(ByteString.copyFrom(SliceHashes.of(event.getQuantityCommitment())),
                Slice.available(event.getQuantityCommitment(), event.getOwnerPublicKey()));
        streams.add(stream);
    }
}
