package org.originrelay.messaging.consume;

/** A failure that retrying cannot fix: the message goes to the dead-letter queue at once. */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String message) {
        super(message);
    }

    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
