package org.originrelay.registry.protocol;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a certificate's period may be: Project Origin's electricity verifier accepts an issuance whose
 * period lasts from one minute to one hour, both included (verifier_electricity {@code Verifiers/Issued.cs}).
 */
public final class IssuancePeriods {

    public static final Duration MINIMUM = Duration.ofMinutes(1);
    public static final Duration MAXIMUM = Duration.ofHours(1);

    private IssuancePeriods() {
    }

    /** Why the registry would refuse this period, or null when it accepts it. The verifier's own words. */
    public static String problem(Instant start, Instant end) {
        Duration length = Duration.between(start, end);
        if (length.compareTo(MAXIMUM) > 0) {
            return "Invalid period, maximum period is 1 hour";
        }
        // An end before its start is a negative length and lands here, as in the verifier.
        if (length.compareTo(MINIMUM) < 0) {
            return "Invalid period, minimum period is 1 minute";
        }
        return null;
    }
}
