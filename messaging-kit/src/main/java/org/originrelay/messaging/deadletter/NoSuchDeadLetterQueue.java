package org.originrelay.messaging.deadletter;

/** The broker has no queue of that name: it was deleted, or the service that declares it never started. */
public class NoSuchDeadLetterQueue extends RuntimeException {

    public NoSuchDeadLetterQueue(String queue) {
        super("the broker has no queue '" + queue + "'");
    }
}
