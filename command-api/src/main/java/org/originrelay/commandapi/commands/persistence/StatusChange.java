package org.originrelay.commandapi.commands.persistence;

import java.time.Instant;
import org.originrelay.commandapi.commands.CommandStatus;

/** One entry of a command's history: the status it was reported at, and when that report arrived. */
public record StatusChange(CommandStatus status, Instant at) {
}
