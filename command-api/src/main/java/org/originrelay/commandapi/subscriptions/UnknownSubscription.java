package org.originrelay.commandapi.subscriptions;

/** No subscription by that name (or none the caller may see): 404. */
public class UnknownSubscription extends RuntimeException {

    public UnknownSubscription(String name) {
        super("no subscription named '" + name + "'");
    }
}
