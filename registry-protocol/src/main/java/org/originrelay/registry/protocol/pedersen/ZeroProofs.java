package org.originrelay.registry.protocol.pedersen;

import cafe.cryptography.curve25519.CompressedRistretto;
import cafe.cryptography.curve25519.InvalidEncodingException;
import cafe.cryptography.curve25519.RistrettoElement;
import cafe.cryptography.curve25519.Scalar;
import java.util.Arrays;

/**
 * Project Origin's equality proof (ProjectOrigin.PedersenCommitment {@code EqualProof}): a Schnorr proof
 * that {@code C0 - C1} is a multiple of H alone, i.e. that both commit to the same value. Serialized as
 * c ‖ z (two 32-byte little-endian scalars). The transcript, from label: "message_pair" ← C0, C1; then
 * "message_A" ← A = a·H (prover) or z·H + c·(C0 - C1) (verifier); "generator_GH" ← G, H; c = challenge
 * "challenge_c"; z = a - c·(r0 - r1). The registry's sum proof on slicing is this proof between the source
 * commitment and the sum of the new ones.
 */
public final class ZeroProofs {

    static final int PROOF_LENGTH = 64;

    private ZeroProofs() {
    }

    public static byte[] proveEqual(PedersenGenerators generators, Scalar blinding0, Scalar blinding1,
            RistrettoElement commitment0, RistrettoElement commitment1, byte[] label) {
        Transcript transcript = pairTranscript(label, commitment0, commitment1);
        Scalar nonce = Scalars.random();
        RistrettoElement bigA = generators.timesH(nonce);
        Scalar challenge = challenge(transcript, generators, bigA);
        Scalar response = nonce.subtract(challenge.multiply(blinding0.subtract(blinding1)));
        byte[] proof = new byte[PROOF_LENGTH];
        System.arraycopy(challenge.toByteArray(), 0, proof, 0, 32);
        System.arraycopy(response.toByteArray(), 0, proof, 32, 32);
        return proof;
    }

    /** False for a proof of the wrong length or a commitment that is not a point; never an exception. */
    public static boolean verifyEqual(PedersenGenerators generators, byte[] proof, byte[] commitment0,
            byte[] commitment1, byte[] label) {
        if (proof == null || proof.length != PROOF_LENGTH) {
            return false;
        }
        try {
            RistrettoElement c0 = new CompressedRistretto(commitment0).decompress();
            RistrettoElement c1 = new CompressedRistretto(commitment1).decompress();
            return verifyEqual(generators, proof, c0, c1, label);
        } catch (InvalidEncodingException | IllegalArgumentException notAPoint) {
            return false;
        }
    }

    static boolean verifyEqual(PedersenGenerators generators, byte[] proof, RistrettoElement commitment0,
            RistrettoElement commitment1, byte[] label) {
        // As Project Origin reads them: reduced modulo the order, not required canonical.
        Scalar challenge = Scalar.fromBytesModOrder(Arrays.copyOfRange(proof, 0, 32));
        Scalar response = Scalar.fromBytesModOrder(Arrays.copyOfRange(proof, 32, 64));
        Transcript transcript = pairTranscript(label, commitment0, commitment1);
        RistrettoElement difference = commitment0.subtract(commitment1);
        // Public inputs only, so the variable-time sum is fine here.
        RistrettoElement bigA = Multiscalar.sumVartime(new Scalar[] {response, challenge},
                new RistrettoElement[] {generators.h(), difference});
        return challenge(transcript, generators, bigA).ctEquals(challenge) == 1;
    }

    private static Transcript pairTranscript(byte[] label, RistrettoElement commitment0, RistrettoElement commitment1) {
        Transcript transcript = new Transcript(label);
        transcript.appendMessage("message_pair", commitment0.compress().toByteArray());
        transcript.appendMessage("message_pair", commitment1.compress().toByteArray());
        return transcript;
    }

    private static Scalar challenge(Transcript transcript, PedersenGenerators generators, RistrettoElement bigA) {
        transcript.appendMessage("message_A", bigA.compress().toByteArray());
        transcript.appendMessage("generator_GH", generators.g().compress().toByteArray());
        transcript.appendMessage("generator_GH", generators.h().compress().toByteArray());
        return transcript.challengeScalar("challenge_c");
    }
}
