package org.originrelay.commandapi.commands;

import java.util.UUID;
import org.slf4j.MDC;

/**
 * The command a request is about, in the logging context: every line written while command-api handles
 * it carries {@code commandId}, the key the messaging kit uses for the deliveries of that command in every
 * service, so one search finds the request and everything that followed it.
 */
public final class CommandLogContext {

    public static final String COMMAND_ID = "commandId";

    private CommandLogContext() {
    }

    public static void put(UUID commandId) {
        MDC.put(COMMAND_ID, commandId.toString());
    }

    /** At the end of the request: the servlet thread serves other requests next. */
    public static void clear() {
        MDC.remove(COMMAND_ID);
    }
}
