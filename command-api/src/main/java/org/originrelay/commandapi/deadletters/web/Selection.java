package org.originrelay.commandapi.deadletters.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.originrelay.messaging.deadletter.DeadLetterFilter;

/**
 * Which parked messages to replay or discard: ids, a type, a reason substring, an age, or all.
 * Criteria combine with "and"; a body that selects nothing does nothing.
 */
record Selection(List<String> messageIds, String type, String reasonContains, Instant olderThan, Boolean all) {

    DeadLetterFilter toFilter() {
        return new DeadLetterFilter(messageIds == null ? null : Set.copyOf(messageIds), type, reasonContains,
                olderThan, Boolean.TRUE.equals(all));
    }
}
