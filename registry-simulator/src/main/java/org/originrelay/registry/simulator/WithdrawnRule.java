package org.originrelay.registry.simulator;

import com.google.protobuf.ByteString;
import java.util.Optional;
import java.util.function.Function;
import org.originrelay.registry.protocol.v1.electricity.WithdrawnEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * The grid area's issuer withdraws a whole certificate (verifier_electricity {@code Verifiers/Withdrawn.cs}).
 * A withdrawn certificate takes no further transfer, slice, allocation or claim ("Certificate is
 * withdrawn"), and its counterparts' claims may then be undone ({@link UnclaimedRule}).
 */
final class WithdrawnRule implements EventRule {

    private final Function<String, Optional<byte[]>> issuerKeys;

    WithdrawnRule(Function<String, Optional<byte[]>> issuerKeys) {
        this.issuerKeys = issuerKeys;
    }

    @Override
    public void apply(Transaction transaction, String streamId, Streams streams) {
        Checks.payload(transaction, WithdrawnEvent.parser());
        CertificateStream stream = streams.require(streamId);
        if (stream.withdrawn()) {
            throw new Rejection("Certificate is already withdrawn");
        }
        byte[] issuerKey = issuerKeys.apply(stream.gridArea()).orElseThrow(
                () -> new Rejection("No issuer found for GridArea \u201d" + stream.gridArea() + "\u201d"));
        Checks.signedBy(transaction, ByteString.copyFrom(issuerKey),
                "Invalid issuer signature for GridArea \u201d" + stream.gridArea() + "\u201d");

        stream.withdraw();
    }
}
