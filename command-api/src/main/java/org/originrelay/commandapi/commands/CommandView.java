package org.originrelay.commandapi.commands;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where a command stands: its current status, the reason when it was rejected, and every status it was
 * reported at, in the order the reports arrived.
 *
 * @param command the command's name as in URLs and routing keys, e.g. {@code transfer-slice}
 */
public record CommandView(UUID commandId, String command, CommandStatus status, String reason,
        List<HistoryEntry> history) {

    public CommandView {
        history = List.copyOf(history);
    }

    public record HistoryEntry(CommandStatus status, Instant at) {
    }
}
