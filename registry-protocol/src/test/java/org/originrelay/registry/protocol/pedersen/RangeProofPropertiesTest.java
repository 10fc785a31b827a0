package org.originrelay.registry.protocol.pedersen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cafe.cryptography.curve25519.Scalar;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.RepeatedTest;
import java.util.List;
import java.util.Random;

/** Proofs made here verify with Project Origin's generators, and nothing else does. */
class RangeProofPropertiesTest {

    private static final BulletproofGenerators BULLETPROOF = BulletproofGenerators.PROJECT_ORIGIN;
    private static final PedersenGenerators PEDERSEN = PedersenGenerators.PROJECT_ORIGIN;
    private static final byte[] LABEL = "0b6f4a5e-9d0c-4c55-9e35-2a7b8d1f3c11".getBytes(StandardCharsets.UTF_8);

    @RepeatedTest(12)
    void aValueInRangeProvesAndVerifies() {
        long value = RandomValues.quantity();
        Scalar blinding = Scalars.random();
        RangeProof proof = RangeProof.prove(BULLETPROOF, PEDERSEN, new Transcript(LABEL), value, blinding, 32);
        byte[] commitment = PEDERSEN.commit(Scalars.of(value), blinding).compress().toByteArray();

        RangeProof reparsed = RangeProof.fromBytes(proof.toBytes()).orElseThrow();
        assertThat(proof.toBytes()).hasSize(608);
        assertThat(reparsed.verify(BULLETPROOF, PEDERSEN, new Transcript(LABEL), List.of(commitment), 32)).isTrue();
    }

    @RepeatedTest(8)
    void aValueOutsideTheRangeCannotBeProven() {
        long value = RandomValues.aboveQuantities();
        assertThatThrownBy(() -> RangeProof.prove(BULLETPROOF, PEDERSEN, new Transcript(LABEL), value,
                Scalars.random(), 32)).isInstanceOf(IllegalArgumentException.class);
    }

    @RepeatedTest(3)
    void everyFlippedBitOfProofCommitmentOrLabelFails() {
        long value = RandomValues.quantity();
        Scalar blinding = Scalars.random();
        byte[] proof = RangeProof.prove(BULLETPROOF, PEDERSEN, new Transcript(LABEL), value, blinding, 32).toBytes();
        byte[] commitment = PEDERSEN.commit(Scalars.of(value), blinding).compress().toByteArray();
        Random random = new Random(value);

        // Every byte of the proof, one random bit each (all 4864 bits would take minutes).
        for (int index = 0; index < proof.length; index++) {
            byte[] tampered = proof.clone();
            tampered[index] ^= (byte) (1 << random.nextInt(8));
            assertThat(verifies(tampered, commitment, LABEL)).as("proof byte %d", index).isFalse();
        }
        for (int bit = 0; bit < 256; bit += 7) {
            byte[] tampered = commitment.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(verifies(proof, tampered, LABEL)).as("commitment bit %d", bit).isFalse();
        }
        for (int bit = 0; bit < LABEL.length * 8; bit += 5) {
            byte[] tampered = LABEL.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(verifies(proof, commitment, tampered)).as("label bit %d", bit).isFalse();
        }
        assertThat(verifies(proof, commitment, LABEL)).isTrue();
    }

    private static boolean verifies(byte[] proof, byte[] commitment, byte[] label) {
        return RangeProof.fromBytes(proof)
                .map(parsed -> parsed.verify(BULLETPROOF, PEDERSEN, new Transcript(label), List.of(commitment), 32))
                .orElse(false);
    }
}
