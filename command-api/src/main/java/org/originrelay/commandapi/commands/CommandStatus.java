package org.originrelay.commandapi.commands;

import java.util.Arrays;
import java.util.List;
import org.originrelay.contracts.events.Stage;

/**
 * How far a command has come. Statuses only move forward: accepted, then validated, then one of the
 * final outcomes; a late event never takes a command back.
 */
public enum CommandStatus {
    REQUESTED(0),
    VALIDATED(1),
    REJECTED(2),
    REGISTRY_ACCEPTED(2),
    REGISTRY_REJECTED(2);

    private final int progress;

    CommandStatus(int progress) {
        this.progress = progress;
    }

    public boolean isFurtherThan(CommandStatus other) {
        return progress > other.progress;
    }

    /** The statuses a report of this status moves a command on from: those it is further than. */
    public List<CommandStatus> statusesBehind() {
        return Arrays.stream(values()).filter(this::isFurtherThan).toList();
    }

    /** The status a command has reached once an event of {@code stage} was published about it. */
    public static CommandStatus reachedAt(Stage stage) {
        return switch (stage) {
            case REQUESTED -> REQUESTED;
            case VALIDATED -> VALIDATED;
            case REJECTED -> REJECTED;
            case REGISTRY_ACCEPTED -> REGISTRY_ACCEPTED;
            case REGISTRY_REJECTED -> REGISTRY_REJECTED;
        };
    }
}
