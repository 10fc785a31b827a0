package org.originrelay.commandapi.subscriptions;

/** A subscription request that breaks a rule (name, exchange, binding or retry settings): 400. */
public class InvalidSubscription extends RuntimeException {

    public InvalidSubscription(String message) {
        super(message);
    }
}
