package org.originrelay.registryconnector.dispatch;

import java.time.Duration;
import org.originrelay.registryconnector.registry.RegistryProperties;

/**
 * The waits between the steps of one transaction. Two schedules share the stored {@code next_wait_ms}:
 * <ul>
 *   <li>Status polls of a transaction the registry has accepted and is still working on (PENDING) double
 *       from {@code first-poll} up to {@code max-status-poll}: the registry is up and deciding, so the
 *       outcome is seen at most that long after the registry decided (with the 5 s of {@code max-poll} a
 *       2 s commit was seen 1.1 s late, and the command held its in-flight slot that much longer).</li>
 *   <li>Retries after an error or an unexpected answer double up to {@code max-poll}, so a registry that
 *       is down is not hammered by every transaction in flight.</li>
 * </ul>
 * A poll after an error starts from the wait the last poll left, so a registry that goes down while
 * transactions are pending is backed off from there.
 */
record PollSchedule(Duration firstPoll, Duration maxStatusPoll, Duration maxPoll) {

    static PollSchedule of(RegistryProperties.Dispatch pacing) {
        return new PollSchedule(pacing.firstPoll(), min(pacing.maxStatusPoll(), pacing.maxPoll()), pacing.maxPoll());
    }

    /** Wait before a pending transaction's next poll, given the wait stored with it. */
    Duration statusPoll(Duration storedWait) {
        return min(storedWait, maxStatusPoll);
    }

    /** The wait stored for the poll after that one. */
    Duration nextStatusPoll(Duration wait) {
        return min(wait.multipliedBy(2), maxStatusPoll);
    }

    /** The wait stored for the retry after a failed step that waited {@code wait}. */
    Duration nextRetry(Duration wait) {
        return min(wait.multipliedBy(2), maxPoll);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
