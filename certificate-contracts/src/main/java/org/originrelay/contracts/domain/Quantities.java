package org.originrelay.contracts.domain;

import java.math.BigInteger;
import java.util.stream.LongStream;

/** Sums quantities exactly: a long sum could wrap around and happen to equal the expected total. */
final class Quantities {

    private Quantities() {
    }

    static BigInteger sum(LongStream quantities) {
        return quantities.mapToObj(BigInteger::valueOf).reduce(BigInteger.ZERO, BigInteger::add);
    }
}
