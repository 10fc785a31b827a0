package org.originrelay.commandapi.deadletters;

import java.util.List;

/**
 * What an operation would do, found by reading the queue without changing it: the dry run's answer, and
 * the exact list of messages the real run then moves.
 *
 * @param examined messages read
 * @param moves per destination, how many would go there (discard: one "discarded" entry)
 * @param messageIds the first {@value #SHOWN} selected ids
 * @param unreplayable the first {@value #SHOWN} selected messages a replay could not send anywhere allowed
 */
public record Plan(String queue, String action, long examined, int matched, List<Move> moves,
        List<String> messageIds, int unreplayableCount, List<Unreplayable> unreplayable) {

    public static final int SHOWN = 1000;

    public record Move(String destination, int messages) {
    }

    public record Unreplayable(String messageId, String why) {
    }
}
