package org.originrelay.registry.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The verifier's certificate expiry ({@code ExpiryChecker.cs}): with {@code DaysBeforeCertificatesExpire}
 * set, a certificate expires that many days after its period ends; unset (the verifier's default), never.
 */
record Expiry(Optional<Duration> afterPeriodEnd, Clock clock) {

    static Expiry never(Clock clock) {
        return new Expiry(Optional.empty(), clock);
    }

    boolean isExpired(CertificateStream stream) {
        return afterPeriodEnd
                .map(grace -> Instant.now(clock).isAfter(Checks.instant(stream.period().getEnd()).plus(grace)))
                .orElse(false);
    }
}
