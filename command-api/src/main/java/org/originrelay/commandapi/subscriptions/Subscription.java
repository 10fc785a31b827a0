package org.originrelay.commandapi.subscriptions;

import java.time.Instant;

/** A stored subscription: what was asked for, by whom, and its version (raised by every change). */
public record Subscription(SubscriptionSpec spec, String owner, long version, Instant createdAt, Instant updatedAt) {

    public String name() {
        return spec.name();
    }
}
