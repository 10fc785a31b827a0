package org.originrelay.commandapi.commands;

import java.time.Instant;
import java.util.UUID;
import org.originrelay.commandapi.commands.persistence.TrackedCommands;
import org.originrelay.contracts.events.CommandName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
     * along. Reports about commands this service never accepted (another producer's) are ignored: retrying
     * them would never help.
     *
     * @param reason why the command was rejected; null unless {@code reached} is a rejection
     */
    @Transactional
    public void record(UUID commandId, CommandName command, CommandStatus reached, String reason) {
        commands.findForUpdate(commandId).ifPresentOrElse(
                tracked -> {
                    if (tracked.commandName() != command) {
                        log.warn("Ignoring {} report for command {}, which is a {} command", command.key(),
                                commandId, tracked.commandName().key());
                        return;
                    }
                    tracked.record(reached, reason, Instant.now());
                },
                () -> log.warn("Ignoring {} {} report for unknown command {}", command.key(), reached, commandId));
    }
}
