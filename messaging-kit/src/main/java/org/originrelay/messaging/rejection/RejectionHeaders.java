package org.originrelay.messaging.rejection;

/**
 * Headers the kit adds, besides {@link org.originrelay.messaging.consume.RelayHeaders}, to a message a
 * plain AMQP subscriber rejected.
 */
public final class RejectionHeaders {

    /** One line per broker-side attempt: when it was rejected and what happened next. */
    public static final String ATTEMPT_HISTORY = "x-relay-attempt-history";

    /** The broker's record of dead-letterings (RabbitMQ), most recent first. */
    public static final String X_DEATH = "x-death";

    private RejectionHeaders() {
    }
}
