package org.originrelay.registry.protocol.pedersen;

import cafe.cryptography.curve25519.RistrettoElement;
import cafe.cryptography.curve25519.Scalar;

/**
 * Σ scalar_i · point_i by Straus' method with 4-bit windows: one shared chain of doublings instead of one
 * per point, which makes a verifier's 80-odd multiplications several times cheaper. <strong>Variable
 * time</strong>: for verification, where every scalar and point is public, never for a prover's secrets.
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
