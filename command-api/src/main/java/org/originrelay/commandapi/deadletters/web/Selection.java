package org.originrelay.commandapi.deadletters.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.originrelay.messaging.deadletter.DeadLetterFilter;

/**
 * Which parked messages to replay or discard, and how: ids, a type, a reason substring, an age, a
 * group (exception class + normalised reason), a correlation, or all; criteria combine with "and", and a
 * body that selects nothing does nothing.
 *
 * @param reason a group's normalised reason (exact); {@code reasonContains} is a substring of the raw one
 * @param dryRun answer what would happen, change nothing
 * @param ratePerSecond replay pace (default {@code command-api.dead-letters.replay-rate-per-second})
 * @param background answer 202 at once and run on; follow it at {@code /api/v1/dead-letters/operations/{id}}
 */
record Selection(List<String> messageIds, String type, String reasonContains, Instant olderThan,
        String exceptionClass, String reason, String correlationId, Boolean all, Boolean dryRun,
        Integer ratePerSecond, Boolean background) {

    DeadLetterFilter toFilter() {
        return new DeadLetterFilter(messageIds == null ? null : Set.copyOf(messageIds), type, reasonContains,
                olderThan, exceptionClass, reason, correlationId, Boolean.TRUE.equals(all));
    }

    boolean isDryRun() {
        return Boolean.TRUE.equals(dryRun);
    }

    boolean inBackground() {
        return Boolean.TRUE.equals(background);
    }
}
