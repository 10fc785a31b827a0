package org.originrelay.contracts.events;

/** The stages that end a command unsuccessfully carry a reason a person can read. */
public interface Rejection {
    String reason();
}
