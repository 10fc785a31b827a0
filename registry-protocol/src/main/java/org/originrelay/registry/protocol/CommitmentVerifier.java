package org.originrelay.registry.protocol;

import java.util.List;
import org.originrelay.registry.protocol.v1.electricity.Commitment;

/**
 * What a registry verifies about quantity commitments, as Project Origin's electricity verifier does.
 * Every method answers false, never throws, for malformed input.
 */
public interface CommitmentVerifier {

    /** The commitment is a valid point with a valid range proof under {@code label} (the stream id). */
    boolean verifyQuantity(Commitment commitment, String label);

    /** The parts together commit to the source's quantity; {@code label} is the stream id. */
    boolean verifySum(byte[] sumProof, Commitment source, List<Commitment> parts, String label);

    /** Both commit to the same quantity; {@code label} is the allocation id. */
    boolean verifyEquality(byte[] equalityProof, Commitment production, Commitment consumption, String label);
}
