package org.originrelay.registry.simulator;

import com.google.protobuf.ByteString;
import java.util.Optional;
import java.util.function.Function;
import org.originrelay.registry.protocol.CommitmentVerifier;
import org.originrelay.registry.protocol.SliceHashes;
import org.originrelay.registry.protocol.v1.electricity.GranularCertificateType;
import org.originrelay.registry.protocol.v1.electricity.IssuedEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/** Issuance opens a new stream with one slice; only the grid area's issuer may sign it. */
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
            throw new Rejection("stream " + streamId + " already exists");
        }
        byte[] issuerKey = issuerKeys.apply(event.getGridArea())
                .orElseThrow(() -> new Rejection("no issuer key known for grid area '" + event.getGridArea() + "'"));
        Checks.signedBy(transaction, ByteString.copyFrom(issuerKey));
        if (event.getType() != GranularCertificateType.PRODUCTION
                && event.getType() != GranularCertificateType.CONSUMPTION) {
            throw new Rejection("certificate type must be PRODUCTION or CONSUMPTION");
        }
        if (!commitments.verifyQuantity(event.getQuantityCommitment(), streamId)) {
            throw new Rejection(Checks.INVALID_RANGE_PROOF);
        }
        Checks.ed25519(event.getOwnerPublicKey(), "owner key");

        CertificateStream stream = new CertificateStream(streamId, event.getType());
        stream.putSlice(ByteString.copyFrom(SliceHashes.of(event.getQuantityCommitment())),
                Slice.available(event.getQuantityCommitment(), event.getOwnerPublicKey()));
        streams.add(stream);
    }
}
