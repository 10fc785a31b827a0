package org.originrelay.registry.simulator;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.originrelay.registry.protocol.CommitmentVerifier;
import org.originrelay.registry.protocol.Digests;
import org.originrelay.registry.protocol.v1.electricity.Commitment;
import org.originrelay.registry.protocol.v1.electricity.IssuedEvent;
import org.originrelay.registry.protocol.v1.electricity.SlicedEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * Range proofs depend on nothing but the transaction, and are the costly part of verifying it, so they
 * are checked before the ledger takes its lock; the rules then find the result here instead of verifying
 * again. Status calls are thus never held up behind proof verification.
 */
final class PrecheckedRangeProofs implements CommitmentVerifier {

    private final CommitmentVerifier delegate;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    PrecheckedRangeProofs(CommitmentVerifier delegate) {
        this.delegate = delegate;
    }

    /** Verifies the range proofs the transaction carries, remembering those that hold. Never throws. */
    void precheck(Transaction transaction) {
        String payloadType = transaction.getHeader().getPayloadType();
        String streamId = transaction.getHeader().getFederatedStreamId().getStreamId().getValue();
        try {
            if (payloadType.equals(IssuedEvent.getDescriptor().getFullName())) {
                remember(IssuedEvent.parseFrom(transaction.getPayload()).getQuantityCommitment(), streamId);
            } else if (payloadType.equals(SlicedEvent.getDescriptor().getFullName())) {
                for (SlicedEvent.Slice slice : SlicedEvent.parseFrom(transaction.getPayload()).getNewSlicesList()) {
                    remember(slice.getQuantity(), streamId);
                }
            }
        } catch (InvalidProtocolBufferException malformed) {
            // The rules reject it with the reason; nothing to remember.
        }
    }

    @Override
    public boolean verifyQuantity(Commitment commitment, String label) {
        return verified.remove(key(commitment, label)) || delegate.verifyQuantity(commitment, label);
    }

    @Override
    public boolean verifySum(byte[] sumProof, Commitment source, List<Commitment> parts, String label) {
        return delegate.verifySum(sumProof, source, parts, label);
    }

    @Override
    public boolean verifyEquality(byte[] equalityProof, Commitment production, Commitment consumption, String label) {
        return delegate.verifyEquality(equalityProof, production, consumption, label);
    }

    private void remember(Commitment commitment, String label) {
        if (delegate.verifyQuantity(commitment, label)) {
            verified.add(key(commitment, label));
        }
    }

    private static String key(Commitment commitment, String label) {
        return HexFormat.of().formatHex(Digests.sha256(commitment.toByteArray(),
                label.getBytes(StandardCharsets.UTF_8)));
    }
}
