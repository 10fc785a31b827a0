package org.originrelay.registry.simulator;

/** A transaction broke a registry rule; the message becomes its FAILED status message. */
final class Rejection extends RuntimeException {

    Rejection(String message) {
        super(message, null, false, false);
    }
}
