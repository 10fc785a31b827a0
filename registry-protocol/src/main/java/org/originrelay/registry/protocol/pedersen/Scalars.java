package org.originrelay.registry.protocol.pedersen;

import cafe.cryptography.curve25519.Scalar;
import java.math.BigInteger;
import java.security.SecureRandom;

/** Scalar helpers the curve library lacks (little-endian encodings, as curve25519-dalek's). */
final class Scalars {

    /** The order of the ristretto255 group, 2^252 + 27742317777372353535851937790883648493. */
    static final BigInteger ORDER = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));

    private static final SecureRandom RANDOM = new SecureRandom();

    private Scalars() {
    }

    /** An unsigned 64-bit value as a scalar (constant time: it is a plain byte copy). */
    static Scalar of(long unsignedValue) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (unsignedValue >>> (8 * i));
        }
        return Scalar.fromBytesModOrder(bytes);
    }

    static Scalar random() {
        byte[] wide = new byte[64];
        RANDOM.nextBytes(wide);
        return Scalar.fromBytesModOrderWide(wide);
    }

    static Scalar negate(Scalar scalar) {
        return Scalar.ZERO.subtract(scalar);
    }

    /**
     * The inverse of a <em>public</em> scalar (a Fiat-Shamir challenge); variable time, so it must never
     * be given a secret. Fails on zero, which an honest transcript produces with negligible probability.
     */
    static Scalar invertPublic(Scalar scalar) {
        BigInteger value = toBigInteger(scalar);
        if (value.signum() == 0) {
            throw new ArithmeticException("zero has no inverse");
        }
        return fromBigInteger(value.modInverse(ORDER));
    }

    static BigInteger toBigInteger(Scalar scalar) {
        byte[] le = scalar.toByteArray();
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    static Scalar fromBigInteger(BigInteger value) {
        byte[] be = value.mod(ORDER).toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < be.length && i < 32; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return Scalar.fromBytesModOrder(le);
    }

    /** 1, x, x^2, ..., x^(count-1). */
    static Scalar[] powers(Scalar x, int count) {
        Scalar[] powers = new Scalar[count];
        Scalar current = Scalar.ONE;
        for (int i = 0; i < count; i++) {
            powers[i] = current;
            current = current.multiply(x);
        }
        return powers;
    }

    static Scalar sumOfPowers(Scalar x, int count) {
        Scalar sum = Scalar.ZERO;
        for (Scalar power : powers(x, count)) {
            sum = sum.add(power);
        }
        return sum;
    }

    static Scalar innerProduct(Scalar[] a, Scalar[] b) {
        Scalar sum = Scalar.ZERO;
        for (int i = 0; i < a.length; i++) {
            sum = a[i].multiplyAndAdd(b[i], sum);
        }
        return sum;
    }
}
