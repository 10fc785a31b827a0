package org.originrelay.contracts.operations;

import java.util.UUID;

/**
 * What registry-connector knows of one command (the answer to {@link Query}).
 *
 * @param commandId the command asked about
 * @param known whether the connector has received the command at all
 * @param state IN_PROGRESS, ACCEPTED or REJECTED; null when not known
 * @param outstandingTransactions transactions the registry may still take or decide (still to be built by the
 *     proving pool, stored, sending, sent)
 * @param stuckTransactions of those, how many are reported stuck (pending long after their send)
 */
public record RegistryCommandStatus(UUID commandId, boolean known, String state, int outstandingTransactions,
        int stuckTransactions) {

    /** Nothing of this command can still reach or change on the registry. */
    public boolean nothingOutstanding() {
        return known && outstandingTransactions == 0;
    }

    /** The question (JSON body of a {@link OperationsContract#REGISTRY_COMMAND_STATUS} request). */
    public record Query(UUID commandId) {
    }
}
