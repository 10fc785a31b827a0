package org.originrelay.registry.simulator;

import com.google.protobuf.ByteString;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import org.originrelay.registry.protocol.QuantityCommitments;
import org.originrelay.registry.protocol.SliceHashes;
import org.originrelay.registry.protocol.v1.electricity.SlicedEvent;
import org.originrelay.registry.protocol.v1.registry.Transaction;

/** Slicing spends an available slice and creates new ones whose quantities add up to exactly its own. */
final class SlicedRule implements EventRule {

    private final QuantityCommitments commitments;

    SlicedRule(QuantityCommitments commitments) {
        this.commitments = commitments;
    }

    @Override
    public void apply(Transaction transaction, String streamId, Streams streams) {
        SlicedEvent event = Checks.payload(transaction, SlicedEvent.parser());
        Checks.sameStream(transaction, event.getCertificateId());
        CertificateStream stream = streams.require(streamId);
        Slice source = stream.availableSlice(event.getSourceSliceHash(), "source slice");
        Checks.signedBy(transaction, source.owner());
        if (event.getNewSlicesCount() == 0) {
            throw new Rejection("sliced event has no new slices");
        }
        long sum = 0;
        Set<ByteString> newHashes = new HashSet<>();
        for (int i = 0; i < event.getNewSlicesCount(); i++) {
            SlicedEvent.Slice slice = event.getNewSlices(i);
            OptionalLong quantity = commitments.verifyOpening(slice.getQuantity());
            if (quantity.isEmpty()) {
                throw new Rejection("quantity commitment of new slice " + i + " does not open");
            }
            Checks.ed25519(slice.getNewOwner(), "owner key of new slice " + i);
            ByteString hash = ByteString.copyFrom(SliceHashes.of(slice.getQuantity()));
            if (stream.slice(hash).isPresent() || !newHashes.add(hash)) {
                throw new Rejection("new slice " + i + " duplicates an existing slice");
            }
            sum = add(sum, quantity.getAsLong());
        }
        // The source's commitment opened when it was recorded, so it opens now.
        long sourceQuantity = commitments.verifyOpening(source.commitment()).orElseThrow();
        if (sum != sourceQuantity) {
            throw new Rejection("new slices sum to " + sum + ", not the source slice's " + sourceQuantity);
        }

        stream.putSlice(event.getSourceSliceHash(), source.in(SliceState.SPENT));
        for (SlicedEvent.Slice slice : event.getNewSlicesList()) {
            stream.putSlice(ByteString.copyFrom(SliceHashes.of(slice.getQuantity())),
                    Slice.available(slice.getQuantity(), slice.getNewOwner()));
        }
    }

    private static long add(long sum, long quantity) {
        try {
            return Math.addExact(sum, quantity);
        } catch (ArithmeticException overflow) {
            throw new Rejection("new slice quantities overflow");
        }
    }
}
