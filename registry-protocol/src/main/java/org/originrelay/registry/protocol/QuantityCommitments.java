package org.originrelay.registry.protocol;

import java.util.List;
import java.util.UUID;
import org.originrelay.registry.protocol.v1.electricity.Commitment;

/**
 * The prover's side of quantity commitments: commits a slice's quantity into the {@link Commitment} that
 * travels in registry transactions and proves what the registry's verifier checks about it. The blinding
 * of every commitment is derived from a secret and the slice id, so the same inputs give the same
 * commitment content (and slice hash) after any restart. The verifier's side is {@link #verifier()}.
 */
public interface QuantityCommitments {

    /**
     * The commitment to {@code quantity} for slice {@code sliceId}, with its range proof bound to the
     * stream of {@code certificateId} (Project Origin labels range proofs with the stream id).
     */
    Commitment commit(long quantity, UUID sliceId, UUID certificateId);

    /** Only the commitment's content (what a slice hash is made of), without the costly range proof. */
    byte[] content(long quantity, UUID sliceId);

    /** The {@code sum_proof} of a slicing: the new slices together commit to the source's quantity. */
    byte[] sumProof(UUID certificateId, long sourceQuantity, UUID sourceSliceId, List<NewSlice> newSlices);

    /** The {@code equality_proof} of an allocation: both slices commit to the same quantity. */
    byte[] equalityProof(UUID allocationId, CertificateSlice production, CertificateSlice consumption);

    /** Verifies what this scheme produces; needs no secret. */
    CommitmentVerifier verifier();
}
