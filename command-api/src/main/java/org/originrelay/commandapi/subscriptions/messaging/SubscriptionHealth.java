package org.originrelay.commandapi.subscriptions.messaging;

import org.originrelay.commandapi.subscriptions.SubscriptionBroker.Status;
import org.originrelay.commandapi.subscriptions.Subscriptions;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/subscriptions}: per subscription its ready messages, consumers and parked
 * messages. Parked messages or a subscription nobody consumes are reported, not counted as down: they
 * are the subscriber's to act on, and command-api itself is fine.
 */
@Component("subscriptionsHealthIndicator")
class SubscriptionHealth extends AbstractHealthIndicator {

    private final Subscriptions subscriptions;

    SubscriptionHealth(Subscriptions subscriptions) {
        super("subscriptions health check failed");
        this.subscriptions = subscriptions;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up();
        subscriptions.all().forEach(subscription -> {
            Status status = subscriptions.status(subscription.name());
            builder.withDetail(subscription.name(), java.util.Map.of("messages", status.messages(),
                    "consumers", status.consumers(), "parked", status.parked()));
        });
    }
}
