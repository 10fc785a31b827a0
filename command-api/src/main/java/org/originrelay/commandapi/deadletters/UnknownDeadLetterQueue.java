package org.originrelay.commandapi.deadletters;

import java.util.List;

/** The operator named a queue that no service has registered as a dead-letter queue. */
public class UnknownDeadLetterQueue extends RuntimeException {

    public UnknownDeadLetterQueue(String queue, List<String> known) {
        super("'" + queue + "' is not a dead-letter queue; known: " + String.join(", ", known));
    }
}
