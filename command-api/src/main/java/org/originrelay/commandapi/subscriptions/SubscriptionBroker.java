package org.originrelay.commandapi.subscriptions;

/**
 * The broker side of subscriptions (queues, bindings, delay queues), as the application needs it.
 * Every method is idempotent; each throws {@link SubscriptionBrokerUnavailable} when the broker refuses.
 */
public interface SubscriptionBroker {

    /**
     * A subscription's queue and its parked messages, as the broker reports them now.
     *
     * @param messages ready in the subscription's queue (not those delivered and not yet acked)
     * @param oldestParkedAt when the message at the head of the dead-letter queue was parked; {@code null}
     *     when none is
     */
    record Status(long messages, int consumers, long parked, java.time.Instant oldestParkedAt) {
    }

    void declare(SubscriptionSpec spec);

    /** New bindings before old ones are removed: a message matching both is never unroutable. */
    void change(SubscriptionSpec before, SubscriptionSpec after);

    void delete(String name);

    Status status(String name);
}
