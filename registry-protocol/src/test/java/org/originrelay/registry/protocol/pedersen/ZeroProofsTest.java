package org.originrelay.registry.protocol.pedersen;

import static org.assertj.core.api.Assertions.assertThat;

import cafe.cryptography.curve25519.RistrettoElement;
import cafe.cryptography.curve25519.Scalar;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.RepeatedTest;

class ZeroProofsTest {

    private static final PedersenGenerators GENERATORS = PedersenGenerators.PROJECT_ORIGIN;
    private static final byte[] LABEL = "stream-or-allocation-id".getBytes(StandardCharsets.UTF_8);

    @RepeatedTest(30)
    void equalValuesUnderDifferentBlindingsProveEqual() {
        long value = RandomValues.quantity();
        Scalar r0 = Scalars.random();
        Scalar r1 = Scalars.random();
        RistrettoElement c0 = GENERATORS.commit(Scalars.of(value), r0);
        RistrettoElement c1 = GENERATORS.commit(Scalars.of(value), r1);

        byte[] proof = ZeroProofs.proveEqual(GENERATORS, r0, r1, c0, c1, LABEL);

        assertThat(proof).hasSize(64);
        assertThat(ZeroProofs.verifyEqual(GENERATORS, proof, bytes(c0), bytes(c1), LABEL)).isTrue();
        assertThat(ZeroProofs.verifyEqual(GENERATORS, proof, bytes(c1), bytes(c0), LABEL)).isFalse();
        assertThat(ZeroProofs.verifyEqual(GENERATORS, proof, bytes(c0), bytes(c1), "other".getBytes())).isFalse();
    }

    @RepeatedTest(30)
    void slicesSumToTheirSourceUnderTheSumProof() {
        long source = RandomValues.quantity();
        long cut = RandomValues.quantity();
        long first = cut % (source + 1);
        long second = source - first;
        Scalar rSource = Scalars.random();
        Scalar rFirst = Scalars.random();
        Scalar rSecond = Scalars.random();
        RistrettoElement cSource = GENERATORS.commit(Scalars.of(source), rSource);
        RistrettoElement cSum = GENERATORS.commit(Scalars.of(first), rFirst)
                .add(GENERATORS.commit(Scalars.of(second), rSecond));

        byte[] proof = ZeroProofs.proveEqual(GENERATORS, rSource, rFirst.add(rSecond), cSource, cSum, LABEL);

        assertThat(ZeroProofs.verifyEqual(GENERATORS, proof, bytes(cSource), bytes(cSum), LABEL)).isTrue();
        RistrettoElement cWrong = cSum.add(GENERATORS.g());
        assertThat(ZeroProofs.verifyEqual(GENERATORS, proof, bytes(cSource), bytes(cWrong), LABEL)).isFalse();
    }

    @RepeatedTest(10)
    void unequalValuesDoNotProveEqual() {
        long value = RandomValues.quantity() % 1001;
        Scalar r0 = Scalars.random();
        Scalar r1 = Scalars.random();
        RistrettoElement c0 = GENERATORS.commit(Scalars.of(value), r0);
        RistrettoElement c1 = GENERATORS.commit(Scalars.of(value + 1), r1);

        byte[] proof = ZeroProofs.proveEqual(GENERATORS, r0, r1, c0, c1, LABEL);

        assertThat(ZeroProofs.verifyEqual(GENERATORS, proof, bytes(c0), bytes(c1), LABEL)).isFalse();
    }

    @RepeatedTest(2)
    void everyFlippedBitOfTheProofFails() {
        long value = RandomValues.quantity() % 1001;
        Scalar r0 = Scalars.random();
        Scalar r1 = Scalars.random();
        RistrettoElement c0 = GENERATORS.commit(Scalars.of(value), r0);
        RistrettoElement c1 = GENERATORS.commit(Scalars.of(value), r1);
        byte[] proof = ZeroProofs.proveEqual(GENERATORS, r0, r1, c0, c1, LABEL);
        for (int bit = 0; bit < 512; bit++) {
            byte[] tampered = proof.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            // The top bits of each scalar vanish in the reduction only if they produce the same residue,
            // which flipping one bit of a value below 2^253 never does, so every flip must fail.
            assertThat(ZeroProofs.verifyEqual(GENERATORS, tampered, bytes(c0), bytes(c1), LABEL)).as("bit %d", bit)
                    .isFalse();
        }
    }

    private static byte[] bytes(RistrettoElement point) {
        return point.compress().toByteArray();
    }
}
