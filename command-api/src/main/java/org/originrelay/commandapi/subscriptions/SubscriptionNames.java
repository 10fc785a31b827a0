package org.originrelay.commandapi.subscriptions;

import java.time.Duration;
import java.util.Optional;
import org.originrelay.messaging.topology.MessagingNames;

/**
 * Broker names of the subscriptions' topology. The retry exchange, requeue exchange and delay queues
 * follow the kit's naming with "subscriptions" in place of a service name, so one set of delay queues
 * serves every subscription with the same delay.
 */
public record SubscriptionNames(MessagingNames kit) {

    public static final String QUEUE_PREFIX = "subscription.";

    public SubscriptionNames(String namespace) {
        this(new MessagingNames(namespace, "subscriptions"));
    }

    /** The queue a subscriber consumes: {@code subscription.<name>}. */
    public String queue(String subscription) {
        return kit.queue(QUEUE_PREFIX + subscription);
    }

    public String deadLetterQueue(String subscription) {
        return MessagingNames.deadLetterQueue(queue(subscription));
    }

    /** The subscription a queue belongs to, if it is one of ours. */
    public Optional<String> subscriptionOf(String queue) {
        String prefix = kit.queue(QUEUE_PREFIX);
        return queue != null && queue.startsWith(prefix) && queue.length() > prefix.length()
                ? Optional.of(queue.substring(prefix.length()))
                : Optional.empty();
    }

    /** Where every subscription queue dead-letters what its subscriber rejected (fanout). */
    public String rejectedExchange() {
        return kit.exchange("subscriptions.rejected");
    }

    /** The retry router's queue: rejected messages wait here while the router is down. */
    public String rejectedQueue() {
        return kit.queue("subscriptions.rejected");
    }

    public String retryExchange() {
        return kit.retryExchange();
    }

    public String requeueExchange() {
        return kit.requeueExchange();
    }

    public String delayQueue(Duration delay) {
        return kit.delayQueue(delay);
    }

    public String exchange(String logicalName) {
        return kit.exchange(logicalName);
    }
}
