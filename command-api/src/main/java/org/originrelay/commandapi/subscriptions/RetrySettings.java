package org.originrelay.commandapi.subscriptions;

import java.time.Duration;
import org.originrelay.messaging.RelayMessagingProperties;
import org.originrelay.messaging.topology.RetryLadder;

/**
 * A subscription's broker-side backoff: attempt n waits {@code min(initialDelay × multiplier^(n-1), maxDelay)};
 * after {@code maxAttempts} rejections the next one parks the message.
 */
public record RetrySettings(Duration initialDelay, double multiplier, Duration maxDelay, int maxAttempts) {

    static final Duration SHORTEST_DELAY = Duration.ofMillis(100);
    static final Duration LONGEST_DELAY = Duration.ofDays(1);
    static final int MOST_ATTEMPTS = 50;

    /** The kit's own defaults: 1 s, 5 s, 25 s, 125 s, 10 min, 10 min, 10 min, then parked. */
    public static final RetrySettings DEFAULTS = new RetrySettings(Duration.ofSeconds(1), 5, Duration.ofMinutes(10), 7);

    public RetrySettings {
        require(initialDelay != null && !initialDelay.isNegative() && initialDelay.compareTo(SHORTEST_DELAY) >= 0
                && initialDelay.compareTo(LONGEST_DELAY) <= 0, "initialDelay must be between PT0.1S and P1D");
        require(maxDelay != null && maxDelay.compareTo(initialDelay) >= 0 && maxDelay.compareTo(LONGEST_DELAY) <= 0,
                "maxDelay must be between initialDelay and P1D");
        require(multiplier >= 1 && multiplier <= 100 && Double.isFinite(multiplier), "multiplier must be between 1 and 100");
        require(maxAttempts >= 0 && maxAttempts <= MOST_ATTEMPTS, "maxAttempts must be between 0 and " + MOST_ATTEMPTS);
    }

    public RetryLadder ladder() {
        // Only the broker-side part of the kit's settings applies: the subscriber is not ours to retry in.
        return new RetryLadder(new RelayMessagingProperties.Retry(1, Duration.ZERO, initialDelay, multiplier,
                maxDelay, maxAttempts, 0));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidSubscription(message);
        }
    }
}
