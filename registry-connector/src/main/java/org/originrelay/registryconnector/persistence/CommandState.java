package org.originrelay.registryconnector.persistence;

/** How far a validated command has come with the registry. */
public enum CommandState {
    IN_PROGRESS,
    ACCEPTED,
    REJECTED
}
