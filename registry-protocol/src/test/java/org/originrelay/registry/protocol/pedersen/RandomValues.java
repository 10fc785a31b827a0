package org.originrelay.registry.protocol.pedersen;

import java.util.concurrent.ThreadLocalRandom;

/** Random inputs for the repeated property tests; every third draw is an edge of the range. */
final class RandomValues {

    private static final long MAX_QUANTITY = 0xFFFF_FFFFL;

    private RandomValues() {
    }

    static long quantity() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> MAX_QUANTITY;
            default -> random.nextLong(MAX_QUANTITY + 1);
        };
    }

    static long aboveQuantities() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return random.nextBoolean() ? MAX_QUANTITY + 1 : random.nextLong(MAX_QUANTITY + 1, Long.MAX_VALUE);
    }
}
