package org.originrelay.messaging.topology;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.originrelay.messaging.RelayMessagingProperties.Retry;

/** The broker-side backoff: attempt n waits {@code min(initial * multiplier^(n-1), max)}. */
public final class RetryLadder {

    private final Retry settings;

    public RetryLadder(Retry settings) {
        if (settings.maxAttempts() < 0 || settings.inProcessAttempts() < 1 || settings.multiplier() < 1) {
            throw new IllegalArgumentException("invalid relay.messaging.retry settings: " + settings);
        }
        this.settings = settings;
    }

    /** The delay before broker-side attempt {@code attempt} (1-based), or empty once attempts are spent. */
    public Optional<Duration> delayBefore(int attempt) {
        if (attempt < 1 || attempt > settings.maxAttempts()) {
            return Optional.empty();
        }
        double millis = settings.initialDelay().toMillis() * Math.pow(settings.multiplier(), attempt - 1);
        return Optional.of(Duration.ofMillis((long) Math.min(millis, settings.maxDelay().toMillis())));
    }

    /** Every distinct delay; one delay queue is declared for each. */
    public Set<Duration> distinctDelays() {
        Set<Duration> delays = new LinkedHashSet<>();
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            delayBefore(attempt).ifPresent(delays::add);
        }
        return delays;
    }

    public int maxAttempts() {
        return settings.maxAttempts();
    }
}
