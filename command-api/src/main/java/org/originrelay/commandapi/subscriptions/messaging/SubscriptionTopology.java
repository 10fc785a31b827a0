package org.originrelay.commandapi.subscriptions.messaging;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.originrelay.commandapi.subscriptions.SubscriptionBroker;
import org.originrelay.commandapi.subscriptions.SubscriptionBrokerUnavailable;
import org.originrelay.commandapi.subscriptions.SubscriptionNames;
import org.originrelay.commandapi.subscriptions.SubscriptionSpec;
import org.originrelay.messaging.deadletter.DeadLetterQueueDescriptor;
import org.originrelay.messaging.deadletter.DeadLetterQueues;
import org.originrelay.messaging.deadletter.DeadLetterRegistry;
import org.originrelay.messaging.publish.PublishFailedException;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.core.TopicExchange;

/**
 * The broker side of subscriptions, in one place:
 * <pre>
 *  provisioning.events --bindings--> subscription.[name] --nack/reject, delivery limit--> subscriptions.rejected
 *                                         ^                                                  | retry router
 *                                         |                        subscriptions.retry <-----+-----> subscription.[name].dlq
 *                                         |                              | [ms].subscription.[name]
 *                                         +--*.subscription.[name]-- subscriptions.requeue <--TTL-- subscriptions.retry.[ms]ms
 * </pre>
 * Subscription queues and delay queues are quorum queues that dead-letter at-least-once, so nothing is
 * dropped between them; the dead-letter queue is a classic durable queue like every kit DLQ (ADR 0003).
 */
public class SubscriptionTopology implements SubscriptionBroker {

    /** The owner named in the dead-letter registry: the outside subscriber's messages are parked by us. */
    private static final String REGISTERED_SERVICE = "subscriptions";

    private final AmqpAdmin admin;
    private final SubscriptionNames names;
    private final int deliveryLimit;
    private final DeadLetterRegistry deadLetterRegistry;
    private final DeadLetterQueues deadLetterQueues;

    public SubscriptionTopology(AmqpAdmin admin, SubscriptionNames names, int deliveryLimit,
            DeadLetterRegistry deadLetterRegistry, DeadLetterQueues deadLetterQueues) {
        this.admin = admin;
        this.names = names;
        this.deliveryLimit = deliveryLimit;
        this.deadLetterRegistry = deadLetterRegistry;
        this.deadLetterQueues = deadLetterQueues;
    }

    /** What every subscription shares; declared (and re-declared on every connection) by Spring's admin. */
    public Declarables sharedInfrastructure() {
        FanoutExchange rejected = ExchangeBuilder.fanoutExchange(names.rejectedExchange()).durable(true).build();
        Queue router = QueueBuilder.durable(names.rejectedQueue()).quorum()
                .overflow(QueueBuilder.Overflow.rejectPublish).build();
        return new Declarables(rejected, router, BindingBuilder.bind(router).to(rejected),
                topic(names.retryExchange()), topic(names.requeueExchange()));
    }

    /** Declares (idempotently) everything the subscription needs and adds its bindings. */
    @Override
    public void declare(SubscriptionSpec spec) {
        onBroker(() -> declareAll(spec));
    }

    private void declareAll(SubscriptionSpec spec) {
        for (Duration delay : spec.retry().ladder().distinctDelays()) {
            Queue delayQueue = QueueBuilder.durable(names.delayQueue(delay)).quorum()
                    .ttl(Math.toIntExact(delay.toMillis()))
                    .deadLetterExchange(names.requeueExchange())
                    .withArgument("x-dead-letter-strategy", "at-least-once")
                    .overflow(QueueBuilder.Overflow.rejectPublish)
                    .build();
            admin.declareQueue(delayQueue);
            admin.declareBinding(BindingBuilder.bind(delayQueue).to(topic(names.retryExchange()))
                    .with(delay.toMillis() + ".#"));
        }
        Queue queue = subscriptionQueue(spec.name());
        admin.declareQueue(queue);
        // Classic, like every kit dead-letter queue: browsing keeps its order (ADR 0003).
        admin.declareQueue(QueueBuilder.durable(names.deadLetterQueue(spec.name())).build());
        register(DeadLetterQueueDescriptor.ofConsumerQueue(REGISTERED_SERVICE, queue.getName(),
                names.deadLetterQueue(spec.name())));
        admin.declareBinding(BindingBuilder.bind(queue).to(topic(names.requeueExchange()))
                .with("*." + queue.getName()));
        TopicExchange source = topic(names.exchange(spec.exchange()));
        admin.declareExchange(source);
        for (String key : spec.bindings()) {
            admin.declareBinding(BindingBuilder.bind(queue).to(source).with(key));
        }
    }

    /**
     * Moves a subscription from {@code before} to {@code after}: new delay queues and bindings first,
     * then the bindings no longer wanted are removed, so a message matching both is never unroutable.
     * Messages in the queue stay where they are.
     */
    @Override
    public void change(SubscriptionSpec before, SubscriptionSpec after) {
        onBroker(() -> changeBindings(before, after));
    }

    private void changeBindings(SubscriptionSpec before, SubscriptionSpec after) {
        declareAll(after);
        Set<String> kept = after.exchange().equals(before.exchange()) ? new HashSet<>(after.bindings()) : Set.of();
        Queue queue = subscriptionQueue(before.name());
        TopicExchange oldSource = topic(names.exchange(before.exchange()));
        for (String key : before.bindings()) {
            if (!kept.contains(key)) {
                admin.removeBinding(binding(queue, oldSource, key));
            }
        }
    }

    /** Deletes the subscription's queue and dead-letter queue with whatever they hold. */
    @Override
    public void delete(String name) {
        onBroker(() -> {
            admin.deleteQueue(names.queue(name));
            admin.deleteQueue(names.deadLetterQueue(name));
        });
    }

    /**
     * Ready messages and consumers from a passive declare of the subscriber's queue (AMQP reports no
     * more); parked messages and when the oldest was parked from the dead-letter queue, whose head is
     * read and put back in place by the kit's browsing (a classic queue of ours, never the subscriber's).
     */
    @Override
    public Status status(String name) {
        QueueInformation queue = onBroker(() -> admin.getQueueInfo(names.queue(name)));
        Optional<DeadLetterQueues.Depth> parked;
        try {
            parked = deadLetterQueues.depth(names.deadLetterQueue(name));
        } catch (IOException | AmqpException e) {
            throw new SubscriptionBrokerUnavailable("the broker did not answer for " + names.deadLetterQueue(name)
                    + ": " + e.getMessage(), e);
        }
        return new Status(queue == null ? 0 : queue.getMessageCount(), queue == null ? 0 : queue.getConsumerCount(),
                parked.map(DeadLetterQueues.Depth::messages).orElse(0L),
                parked.map(DeadLetterQueues.Depth::oldestParkedAt).orElse(null));
    }

    private Queue subscriptionQueue(String name) {
        return QueueBuilder.durable(names.queue(name)).quorum()
                .deliveryLimit(deliveryLimit)
                .deadLetterExchange(names.rejectedExchange())
                // The router learns the subscription from the routing key; x-death keeps the original one.
                .deadLetterRoutingKey(names.queue(name))
                .withArgument("x-dead-letter-strategy", "at-least-once")
                .overflow(QueueBuilder.Overflow.rejectPublish)
                .build();
    }

    /** Listed with every other dead-letter queue, so operators browse and replay it the same way. */
    private void register(DeadLetterQueueDescriptor descriptor) {
        try {
            deadLetterRegistry.register(descriptor);
        } catch (PublishFailedException e) {
            throw new SubscriptionBrokerUnavailable("the broker did not take the registration of "
                    + descriptor.deadLetterQueue() + ": " + e.getMessage() + "; send the request again", e);
        }
    }

    private static Binding binding(Queue queue, TopicExchange exchange, String key) {
        return BindingBuilder.bind(queue).to(exchange).with(key);
    }

    private static TopicExchange topic(String name) {
        return ExchangeBuilder.topicExchange(name).durable(true).build();
    }

    private static void onBroker(Runnable work) {
        onBroker(() -> {
            work.run();
            return null;
        });
    }

    private static <T> T onBroker(Supplier<T> work) {
        try {
            return work.get();
        } catch (AmqpException e) {
            throw new SubscriptionBrokerUnavailable("the broker did not take the subscription's topology: "
                    + e.getMessage() + "; send the request again", e);
        }
    }
}
