package org.originrelay.commandapi.subscriptions.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import org.originrelay.commandapi.subscriptions.SubscriptionStatistics;
import org.originrelay.commandapi.subscriptions.SubscriptionStatistics.Figures;
import org.originrelay.commandapi.subscriptions.Subscriptions;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/subscriptions}: per subscription its ready messages, consumers, parked
 * messages and the oldest parked one's age, and the counters (delivered, acked, rejected, retried by
 * attempt, parked). Parked messages or a subscription nobody consumes are reported, not counted as down:
 * they are the subscriber's to act on, and command-api itself is fine.
 */
@Component("subscriptionsHealthIndicator")
class SubscriptionHealth extends AbstractHealthIndicator {

    private final Subscriptions subscriptions;
    private final SubscriptionStatistics statistics;

    SubscriptionHealth(Subscriptions subscriptions, SubscriptionStatistics statistics) {
        super("subscriptions health check failed");
        this.subscriptions = subscriptions;
        this.statistics = statistics;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up();
        subscriptions.all().forEach(subscription -> {
            statistics.track(subscription.name());
            Figures figures = statistics.figures(subscription.name());
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("messages", figures.status().messages());
            details.put("consumers", figures.status().consumers());
            details.put("parked", figures.status().parked());
            details.put("oldestParkedAgeSeconds", figures.oldestParkedAgeSeconds());
            details.put("counters", figures.counters());
            builder.withDetail(subscription.name(), details);
        });
    }
}
