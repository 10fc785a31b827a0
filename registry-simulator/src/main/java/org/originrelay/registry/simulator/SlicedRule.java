package org.originrelay.registry.simulator;

import com.google.protobuf.ByteString;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.originrelay.registry.protocol.CommitmentVerifier;
import org.originrelay.registry.protocol.SliceHashes;
import org.originrelay.registry.protocol.v1.electricity.Commitment;
import org.originrelay.registry.protocol.v1.electricity.SlicedEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/**
 * Slicing spends an available slice and creates new ones whose quantities add up to exactly its own: every
 * new commitment carries a range proof for this stream, and the sum proof shows the new commitments add up
 * to the source's (verifier_electricity {@code Verifiers/Sliced.cs}). Two checks are this simulator's own:
 * at least one new slice (the verifier fails with an exception), and no new slice whose hash is already on
 * the stream (the verifier would accept it and then fail to rebuild the stream).
 */
final class SlicedRule implements EventRule {

    private final CommitmentVerifier commitments;
    private final Expiry expiry;

    SlicedRule(CommitmentVerifier commitments, Expiry expiry) {
        this.commitments = commitments;
        this.expiry = expiry;
    }

    @Override
    public void apply(Transaction transaction, String streamId, Streams streams) {
        SlicedEvent event = Checks.payload(transaction, SlicedEvent.parser());
        Checks.sameStream(transaction, event.getCertificateId());
        CertificateStream stream = streams.require(streamId);
        Checks.usable(stream, expiry);
        Slice source = stream.availableSlice(event.getSourceSliceHash(), Checks.SLICE_NOT_FOUND);
        Checks.signedByOwner(transaction, source);
        if (event.getNewSlicesCount() == 0) {
            throw new Rejection("sliced event has no new slices");
        }
        Set<ByteString> newHashes = new HashSet<>();
        for (int i = 0; i < event.getNewSlicesCount(); i++) {
            SlicedEvent.Slice slice = event.getNewSlices(i);
            Checks.publicKey(slice.getNewOwner(), Checks.INVALID_NEW_OWNER);
            if (!commitments.verifyQuantity(slice.getQuantity(), streamId)) {
                throw new Rejection(Checks.INVALID_RANGE_PROOF);
            }
            ByteString hash = ByteString.copyFrom(SliceHashes.of(slice.getQuantity()));
            if (stream.slice(hash).isPresent() || !newHashes.add(hash)) {
                throw new Rejection("new slice " + i + " duplicates an existing slice");
            }
        }
        List<Commitment> parts = event.getNewSlicesList().stream()
                .map(SlicedEvent.Slice::getQuantity)
                .toList();
        if (!commitments.verifySum(event.getSumProof().toByteArray(), source.commitment(), parts, streamId)) {
            throw new Rejection("Invalid sum proof");
        }

        stream.putSlice(event.getSourceSliceHash(), source.in(SliceState.SPENT));
        for (SlicedEvent.Slice slice : event.getNewSlicesList()) {
            stream.putSlice(ByteString.copyFrom(SliceHashes.of(slice.getQuantity())),
                    Slice.available(slice.getQuantity(), slice.getNewOwner()));
        }
    }
}
