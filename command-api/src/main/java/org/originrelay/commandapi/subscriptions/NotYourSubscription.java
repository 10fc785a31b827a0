package org.originrelay.commandapi.subscriptions;

/** A subscriber asked for a name it does not own: 403. */
public class NotYourSubscription extends RuntimeException {

    public NotYourSubscription(String message) {
        super(message);
    }
}
