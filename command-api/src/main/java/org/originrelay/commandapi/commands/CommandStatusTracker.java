package org.originrelay.commandapi.commands;

import java.time.Instant;
import java.util.UUID;
import org.originrelay.commandapi.commands.persistence.TrackedCommands;
import org.originrelay.contracts.events.CommandName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Records what the other services report about the commands accepted here. */
@Service
public class CommandStatusTracker {

    private static final Logger log = LoggerFactory.getLogger(CommandStatusTracker.class);

    private final TrackedCommands commands;

    CommandStatusTracker(TrackedCommands commands) {
        this.commands = commands;
    }

    /**
     * Adds the report to the command's history and moves its status forward if the report is further
     * along, in one statement that joins the caller's transaction (the consumer's, with its dedupe). Every
     * report enters the history, but only one further along moves the status (and sets the reason): events
     * may arrive late or out of order. Reports about commands this service never accepted (another
     * producer's), or naming another kind of command, are ignored: retrying them would never help.
     *
     * @param reason why the command was rejected; null unless {@code reached} is a rejection
     */
    public void record(UUID commandId, CommandName command, CommandStatus reached, String reason) {
        if (commands.record(commandId, command, reached, reason, Instant.now())) {
            return;
        }
        commands.kindOf(commandId).ifPresentOrElse(
                kind -> log.warn("Ignoring {} report for command {}, which is a {} command", command.key(),
                        commandId, kind.key()),
                () -> log.warn("Ignoring {} {} report for unknown command {}", command.key(), reached, commandId));
    }
}
