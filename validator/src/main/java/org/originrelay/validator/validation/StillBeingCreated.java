package org.originrelay.validator.validation;

/**
 * A command names a slice that an in-flight, validated command is creating. Transient on purpose: the kit
 * retries the command (quickly in process, then through its ladder) until the creator's outcome is applied.
 */
class StillBeingCreated extends RuntimeException {

    StillBeingCreated(String message) {
        super(message);
    }
}
