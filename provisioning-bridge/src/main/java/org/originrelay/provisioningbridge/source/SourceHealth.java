package org.originrelay.provisioningbridge.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;

/**
 * What a source reports: the current problem is shown at once; the status turns DOWN only when the
 * source has made no progress for {@code downAfter} (a blip is not an outage, a stall is).
 */
final class SourceHealth {

    private final Duration downAfter;
    private final Clock clock;
    private volatile Instant lastProgress;
    private volatile String problem;

    SourceHealth(Duration downAfter, Clock clock) {
        this.downAfter = downAfter;
        this.clock = clock;
        this.lastProgress = clock.instant();
    }

    void progressed() {
        lastProgress = clock.instant();
        problem = null;
    }

    void failed(String problem) {
        this.problem = problem;
    }

    String problem() {
        return problem;
    }

    Health.Builder status() {
        boolean stalled = problem != null && Duration.between(lastProgress, clock.instant()).compareTo(downAfter) >= 0;
        return (stalled ? Health.down() : Health.up())
                .withDetail("problem", problem == null ? "none" : problem)
                .withDetail("lastProgress", lastProgress.toString());
    }
}
