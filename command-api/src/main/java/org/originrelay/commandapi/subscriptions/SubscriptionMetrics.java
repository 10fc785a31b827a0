package org.originrelay.commandapi.subscriptions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the retry router sees per subscription, as Micrometer counters tagged {@code subscription}:
 * {@code relay.subscription.rejected}, {@code relay.subscription.retried} (tag {@code attempt}),
 * {@code relay.subscription.parked} (tag {@code reason}: rejected, delivery_limit).
 */
public class SubscriptionMetrics {

    private final MeterRegistry registry;

    public SubscriptionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void rejected(String subscription) {
        Counter.builder("relay.subscription.rejected").tag("subscription", subscription)
                .description("messages the subscriber rejected or the broker dead-lettered").register(registry)
                .increment();
    }

    public void retried(String subscription, int attempt) {
        Counter.builder("relay.subscription.retried").tag("subscription", subscription)
                .tag("attempt", Integer.toString(attempt)).register(registry).increment();
    }

    public void parked(String subscription, String reason) {
        Counter.builder("relay.subscription.parked").tag("subscription", subscription).tag("reason", reason)
                .register(registry).increment();
    }

    /** This instance's counts for one subscription, for the REST view. */
    public Map<String, Object> counts(String subscription) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("rejected", total("relay.subscription.rejected", subscription));
        counts.put("parked", total("relay.subscription.parked", subscription));
        Map<String, Long> byAttempt = new LinkedHashMap<>();
        registry.find("relay.subscription.retried").tag("subscription", subscription).counters().stream()
                .sorted(java.util.Comparator.comparing(counter -> Integer.parseInt(counter.getId().getTag("attempt"))))
                .forEach(counter -> byAttempt.put(counter.getId().getTag("attempt"), (long) counter.count()));
        counts.put("retriedByAttempt", byAttempt);
        return counts;
    }

    private long total(String meter, String subscription) {
        return (long) registry.find(meter).tag("subscription", subscription).counters().stream()
                .mapToDouble(Counter::count).sum();
    }
}
