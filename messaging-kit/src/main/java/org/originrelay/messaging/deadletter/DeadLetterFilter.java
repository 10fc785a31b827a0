package org.originrelay.messaging.deadletter;

import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which parked messages an operation applies to. Criteria that are set must all match; a filter with
 * none set matches nothing unless {@code all} is true, so an empty request never replays a whole queue.
 *
 * @param exceptionClass exactly this exception class (a group's)
 * @param normalisedReason exactly this reason once ids and numbers are taken out (a group's), see
 *     {@link FailureReasons}
 */
public record DeadLetterFilter(Set<String> messageIds, String type, String reasonContains, Instant olderThan,
        String exceptionClass, String normalisedReason, String correlationId, boolean all)
        implements Predicate<DeadLetter> {

    public DeadLetterFilter {
        messageIds = messageIds == null ? Set.of() : Set.copyOf(messageIds);
    }

    public static DeadLetterFilter byIds(Set<String> messageIds) {
        return new DeadLetterFilter(messageIds, null, null, null, null, null, null, false);
    }

    public static DeadLetterFilter byType(String type) {
        return new DeadLetterFilter(null, type, null, null, null, null, null, false);
    }

    public static DeadLetterFilter nothing() {
        return new DeadLetterFilter(null, null, null, null, null, null, null, false);
    }

    public static DeadLetterFilter everything() {
        return new DeadLetterFilter(null, null, null, null, null, null, null, true);
    }

    public boolean selectsSomething() {
        return all || !messageIds.isEmpty() || type != null || reasonContains != null || olderThan != null
                || exceptionClass != null || normalisedReason != null || correlationId != null;
    }

    @Override
    public boolean test(DeadLetter letter) {
        if (!selectsSomething()) {
            return false;
        }
        return (messageIds.isEmpty() || messageIds.contains(letter.messageId()))
                && (type == null || type.equals(letter.type()))
                && (reasonContains == null || (letter.reason() != null && letter.reason().contains(reasonContains)))
                && (olderThan == null || (letter.parkedAt() != null && letter.parkedAt().isBefore(olderThan)))
                && (exceptionClass == null || exceptionClass.equals(letter.exceptionClass()))
                && (normalisedReason == null || normalisedReason.equals(letter.normalisedReason()))
                && (correlationId == null || correlationId.equals(letter.correlationId()));
    }
}
