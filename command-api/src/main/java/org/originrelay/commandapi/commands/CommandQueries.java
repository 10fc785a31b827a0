package org.originrelay.commandapi.commands;

import java.util.UUID;
import org.originrelay.commandapi.commands.persistence.TrackedCommand;
import org.originrelay.commandapi.commands.persistence.TrackedCommands;
import org.springframework.stereotype.Service;

/** Reads where commands stand. */
@Service
public class CommandQueries {

    private final TrackedCommands commands;

    CommandQueries(TrackedCommands commands) {
        this.commands = commands;
    }

    /**
     * @throws UnknownCommand when no command with this id was accepted here, or {@code reader} may not see it:
     *     the two are not told apart, so nobody learns that someone else's command exists
     */
    public CommandView find(UUID commandId, CommandReader reader) {
        TrackedCommand command = commands.find(commandId).filter(found -> reader.maySee(found.requestedBy()))
                .orElseThrow(() -> new UnknownCommand(commandId));
        return new CommandView(command.commandId(), command.commandName().key(), command.status(), command.reason(),
                command.history().stream()
                        .map(change -> new CommandView.HistoryEntry(change.status(), change.at()))
                        .toList());
    }
}
