package org.originrelay.messaging.publish;

/** The broker did not take responsibility for a message: nacked, returned as unroutable, or no confirm in time. */
public class PublishFailedException extends Exception {

    public PublishFailedException(String message) {
        super(message);
    }

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
