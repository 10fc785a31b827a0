package org.originrelay.registry.protocol.pedersen;

import cafe.cryptography.curve25519.RistrettoElement;
import cafe.cryptography.curve25519.Scalar;

/**
 * Σ scalar_i · point_i by Straus' method: one shared chain of doublings instead of one per point, which
 * makes a verifier's 80-odd multiplications several times cheaper. <strong>Variable time</strong>: only
 * for public scalars (a verifier's, or a prover's where what it multiplies could be published, see
 * {@link RangeProof}), never for a prover's secrets.
 */
final class Multiscalar {

    private static final int WINDOW_BITS = 4;
    private static final int WINDOWS = 256 / WINDOW_BITS;

    private Multiscalar() {
    }

    static RistrettoElement sumVartime(Scalar[] scalars, RistrettoElement[] points) {
        int count = scalars.length;
        RistrettoElement[][] multiples = new RistrettoElement[count][];
        byte[][] digits = new byte[count][];
        for (int i = 0; i < count; i++) {
            multiples[i] = multiples(points[i]);
            digits[i] = nibbles(scalars[i].toByteArray());
        }
        RistrettoElement sum = RistrettoElement.IDENTITY;
        for (int window = WINDOWS - 1; window >= 0; window--) {
            if (window != WINDOWS - 1) {
                for (int d = 0; d < WINDOW_BITS; d++) {
                    sum = sum.dbl();
                }
            }
            for (int i = 0; i < count; i++) {
                int digit = digits[i][window];
                if (digit != 0) {
                    sum = sum.add(multiples[i][digit]);
                }
            }
        }
        return sum;
    }

    /**
     * Σ scalar_i · point_i over points whose {@link Multiples} were computed once: signed digits of
     * {@link Multiples#WIDTH} bits (one addition or subtraction per digit, 32 per point, no per-call
     * table), and one shared chain of doublings.
     */
    static RistrettoElement sumVartime(Scalar[] scalars, Multiples[] points) {
        int count = scalars.length;
        int[][] digits = new int[count][];
        for (int i = 0; i < count; i++) {
            digits[i] = Multiples.signedDigits(scalars[i].toByteArray());
        }
        RistrettoElement sum = RistrettoElement.IDENTITY;
        for (int window = Multiples.DIGITS - 1; window >= 0; window--) {
            if (window != Multiples.DIGITS - 1) {
                for (int d = 0; d < Multiples.WIDTH; d++) {
                    sum = sum.dbl();
                }
            }
            for (int i = 0; i < count; i++) {
                int digit = digits[i][window];
                if (digit > 0) {
                    sum = sum.add(points[i].times(digit));
                } else if (digit < 0) {
                    sum = sum.subtract(points[i].times(-digit));
                }
            }
        }
        return sum;
    }

    /**
     * 1·P … 2^(WIDTH−1)·P of a fixed point P, for {@link #sumVartime(Scalar[], Multiples[])}: 128 points,
     * worth computing for the generators every proof uses, not for a point used once.
     */
    static final class Multiples {

        static final int WIDTH = 8;
        /** A canonical scalar is below 2^253, so 32 signed 8-bit digits hold it without a carry out. */
        static final int DIGITS = 32;

        private final RistrettoElement[] multiples = new RistrettoElement[(1 << (WIDTH - 1)) + 1];

        Multiples(RistrettoElement point) {
            multiples[1] = point;
            for (int k = 2; k < multiples.length; k++) {
                multiples[k] = multiples[k - 1].add(point);
            }
        }

        RistrettoElement times(int positiveDigit) {
            return multiples[positiveDigit];
        }

        /** The scalar's little-endian bytes as digits in [−128, 128) with Σ digit_i · 256^i = scalar. */
        static int[] signedDigits(byte[] littleEndian) {
            int[] digits = new int[DIGITS];
            int carry = 0;
            for (int i = 0; i < DIGITS; i++) {
                int digit = (littleEndian[i] & 0xFF) + carry;
                carry = digit >= 128 ? 1 : 0;
                digits[i] = digit - (carry << WIDTH);
            }
            if (carry != 0) {
                throw new IllegalArgumentException("scalar is not canonical");
            }
            return digits;
        }
    }

    private static RistrettoElement[] multiples(RistrettoElement point) {
        RistrettoElement[] multiples = new RistrettoElement[1 << WINDOW_BITS];
        multiples[1] = point;
        for (int k = 2; k < multiples.length; k++) {
            multiples[k] = multiples[k - 1].add(point);
        }
        return multiples;
    }

    private static byte[] nibbles(byte[] littleEndian) {
        byte[] nibbles = new byte[WINDOWS];
        for (int i = 0; i < 32; i++) {
            nibbles[2 * i] = (byte) (littleEndian[i] & 0x0F);
            nibbles[2 * i + 1] = (byte) ((littleEndian[i] >>> 4) & 0x0F);
        }
        return nibbles;
    }
}
