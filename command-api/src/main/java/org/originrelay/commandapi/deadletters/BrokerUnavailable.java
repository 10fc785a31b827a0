package org.originrelay.commandapi.deadletters;

/** RabbitMQ could not be reached or did not confirm; the operation can be retried. */
public class BrokerUnavailable extends RuntimeException {

    public BrokerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
