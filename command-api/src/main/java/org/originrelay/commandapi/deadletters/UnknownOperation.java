package org.originrelay.commandapi.deadletters;

import java.util.UUID;

/** No dead-letter operation with that id ran since this instance started. */
public class UnknownOperation extends RuntimeException {

    public UnknownOperation(UUID id) {
        super("no dead-letter operation '" + id + "' is known to this instance");
    }
}
