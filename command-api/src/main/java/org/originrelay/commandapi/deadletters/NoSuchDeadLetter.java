package org.originrelay.commandapi.deadletters;

/** No message with that id is parked in that queue (never was, or already replayed or discarded). */
public class NoSuchDeadLetter extends RuntimeException {

    public NoSuchDeadLetter(String queue, String messageId) {
        super("no message '" + messageId + "' is parked in " + queue);
    }
}
