package org.originrelay.messaging.deadletter;

import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which parked messages an operation applies to. Criteria that are set must all match; a filter with
 * none set matches nothing unless {@code all} is true, so an empty request never replays a whole queue.
 */
public record DeadLetterFilter(Set<String> messageIds, String type, String reasonContains, Instant olderThan,
        boolean all) implements Predicate<DeadLetter> {

    public static DeadLetterFilter byIds(Set<String> messageIds) {
        return new DeadLetterFilter(messageIds, null, null, null, false);
    }

    public static DeadLetterFilter everything() {
        return new DeadLetterFilter(null, null, null, null, true);
    }

    public boolean selectsSomething() {
        return all || (messageIds != null && !messageIds.isEmpty()) || type != null || reasonContains != null
                || olderThan != null;
    }

    @Override
    public boolean test(DeadLetter letter) {
        if (!selectsSomething()) {
            return false;
        }
        return (messageIds == null || messageIds.isEmpty() || messageIds.contains(letter.messageId()))
                && (type == null || type.equals(letter.type()))
                && (reasonContains == null || (letter.reason() != null && letter.reason().contains(reasonContains)))
                && (olderThan == null || (letter.lastFailureAt() != null && letter.lastFailureAt().isBefore(olderThan)));
    }
}
