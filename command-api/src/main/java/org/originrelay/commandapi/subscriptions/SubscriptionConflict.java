package org.originrelay.commandapi.subscriptions;

/** The request contradicts the subscription's state: another body under an existing name, parked messages: 409. */
public class SubscriptionConflict extends RuntimeException {

    public SubscriptionConflict(String message) {
        super(message);
    }
}
