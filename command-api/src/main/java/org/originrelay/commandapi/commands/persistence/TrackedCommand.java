package org.originrelay.commandapi.commands.persistence;

import java.util.List;
import java.util.UUID;
import org.originrelay.commandapi.commands.CommandStatus;
import org.originrelay.contracts.events.CommandName;

/**
 * A command accepted over REST as stored: its current status and every status it was reported at, in the
 * order the reports were recorded.
 *
 * @param requestedBy the token subject that asked for it; null only for commands accepted before it was recorded
 * @param reason why it was rejected; null unless its status is a rejection
 */
public record TrackedCommand(UUID commandId, CommandName commandName, CommandStatus status, String reason,
        String requestedBy, List<StatusChange> history) {

    public TrackedCommand {
        history = List.copyOf(history);
    }
}
