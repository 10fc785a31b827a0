package org.originrelay.commandapi.subscriptions.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.originrelay.commandapi.subscriptions.RetrySettings;
import org.originrelay.commandapi.subscriptions.Subscription;
import org.originrelay.commandapi.subscriptions.SubscriptionNames;
import org.originrelay.commandapi.subscriptions.SubscriptionStatistics.Figures;

/**
 * A subscription as its client sees it: what to consume, which broker permissions that takes, the
 * settings with the resulting delays, the queue's state now and the counts so far (docs/subscriptions.md
 * says where each figure comes from).
 */
record SubscriptionView(String name, String owner, String exchange, List<String> bindings, RetryView retry,
        String queue, String deadLetterQueue, Permissions permissions, StatusView status,
        Map<String, Object> counters, long version, Instant createdAt, Instant updatedAt) {

    /**
     * @param messages ready in the queue
     * @param parked in the dead-letter queue
     * @param oldestParkedAt when the oldest parked message was parked; null when none is
     */
    record StatusView(long messages, int consumers, long parked, Instant oldestParkedAt,
            Long oldestParkedAgeSeconds) {
    }

    record RetryView(Duration initialDelay, double multiplier, Duration maxDelay, int maxAttempts,
            List<Duration> delays) {
    }

    /**
     * What {@code rabbitmqctl set_permissions -p <vhost> <user> <configure> <write> <read>} needs: read on
     * the queue only. Consuming, acking and rejecting are reads; the broker itself dead-letters what is rejected.
     */
    record Permissions(String vhost, String configure, String write, String read) {
    }

    static SubscriptionView of(Subscription subscription, SubscriptionNames names, String vhost, Figures figures) {
        RetrySettings retry = subscription.spec().retry();
        List<Duration> delays = java.util.stream.IntStream.rangeClosed(1, retry.maxAttempts())
                .mapToObj(attempt -> retry.ladder().delayBefore(attempt).orElseThrow()).toList();
        String queue = names.queue(subscription.name());
        return new SubscriptionView(subscription.name(), subscription.owner(), subscription.spec().exchange(),
                subscription.spec().bindings(),
                new RetryView(retry.initialDelay(), retry.multiplier(), retry.maxDelay(), retry.maxAttempts(), delays),
                queue, names.deadLetterQueue(subscription.name()),
                new Permissions(vhost, "^$", "^$", "^" + queue.replace(".", "\\.") + "$"),
                new StatusView(figures.status().messages(), figures.status().consumers(), figures.status().parked(),
                        figures.status().oldestParkedAt(), figures.oldestParkedAgeSeconds()),
                figures.counters(), subscription.version(), subscription.createdAt(), subscription.updatedAt());
    }
}
