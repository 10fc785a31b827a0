package org.originrelay.commandapi.subscriptions;

/** RabbitMQ refused or could not be reached; the request can be sent again: 503. */
public class SubscriptionBrokerUnavailable extends RuntimeException {

    public SubscriptionBrokerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
