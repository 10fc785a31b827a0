package org.originrelay.commandapi.commands;

import java.util.UUID;

/** No command with this id was accepted here. */
public class UnknownCommand extends RuntimeException {

    public UnknownCommand(UUID commandId) {
        super("no command " + commandId);
    }
}
