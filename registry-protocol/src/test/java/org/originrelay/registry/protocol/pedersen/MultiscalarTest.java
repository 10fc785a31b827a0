package org.originrelay.registry.protocol.pedersen;

import static org.assertj.core.api.Assertions.assertThat;

import cafe.cryptography.curve25519.Constants;
import cafe.cryptography.curve25519.RistrettoElement;
import cafe.cryptography.curve25519.Scalar;
import java.math.BigInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class MultiscalarTest {

    private static final BulletproofGenerators GENERATORS = BulletproofGenerators.PROJECT_ORIGIN;

    @RepeatedTest(20)
    void signedDigitsAddUpToTheScalar() {
        Scalar scalar = Scalars.random();
        int[] digits = Multiscalar.Multiples.signedDigits(scalar.toByteArray());
        BigInteger sum = BigInteger.ZERO;
        for (int i = digits.length - 1; i >= 0; i--) {
            assertThat(digits[i]).isBetween(-128, 127);
            sum = sum.shiftLeft(8).add(BigInteger.valueOf(digits[i]));
        }
        assertThat(sum).isEqualTo(Scalars.toBigInteger(scalar));
    }

    @Test
    void theLargestScalarsAndTheSmallestHaveDigitsToo() {
        Scalar minusOne = Scalars.negate(Scalar.ONE);
        int[] digits = Multiscalar.Multiples.signedDigits(minusOne.toByteArray());
        BigInteger sum = BigInteger.ZERO;
        for (int i = digits.length - 1; i >= 0; i--) {
            sum = sum.shiftLeft(8).add(BigInteger.valueOf(digits[i]));
        }
        assertThat(sum).isEqualTo(Scalars.ORDER.subtract(BigInteger.ONE));
        assertThat(Multiscalar.Multiples.signedDigits(Scalar.ZERO.toByteArray())).containsOnly(0);
    }

    @RepeatedTest(5)
    void aSumOverPrecomputedMultiplesIsTheSumOfTheProducts() {
        int count = 32;
        Scalar[] scalars = new Scalar[count];
        Multiscalar.Multiples[] bases = new Multiscalar.Multiples[count];
        RistrettoElement expected = RistrettoElement.IDENTITY;
        for (int i = 0; i < count; i++) {
            // Edges too: zero, one, minus one (all digits at their extremes).
            scalars[i] = switch (i) {
                case 0 -> Scalar.ZERO;
                case 1 -> Scalar.ONE;
                case 2 -> Scalars.negate(Scalar.ONE);
                default -> Scalars.random();
            };
            boolean useG = i % 2 == 0;
            bases[i] = useG ? GENERATORS.gMultiples(0, i) : GENERATORS.hMultiples(0, i);
            expected = expected.add((useG ? GENERATORS.g(0, i) : GENERATORS.h(0, i)).multiply(scalars[i]));
        }

        assertThat(Multiscalar.sumVartime(scalars, bases)).isEqualTo(expected);
    }

    @Test
    void multiplesMadeOnDemandAgreeWithThePrecomputedOnes() {
        Scalar scalar = Scalars.random();
        Multiscalar.Multiples made = new Multiscalar.Multiples(Constants.RISTRETTO_GENERATOR);

        assertThat(Multiscalar.sumVartime(new Scalar[] {scalar}, new Multiscalar.Multiples[] {made}))
                .isEqualTo(Constants.RISTRETTO_GENERATOR.multiply(scalar));
    }
}
