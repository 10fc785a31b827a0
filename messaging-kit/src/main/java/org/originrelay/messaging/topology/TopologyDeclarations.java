package org.originrelay.messaging.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.originrelay.messaging.consume.ConsumerDefinition;
import org.originrelay.messaging.deadletter.DeadLetterQueueDescriptor;
import org.originrelay.messaging.deadletter.DeadLetterRegistry;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * Builds everything a service needs on the broker from its consumer definitions and the exchanges it
 * publishes to:
 * <pre>
 *  events exchange --binding--> queue --(fails)--> [service].retry --(delay-ms.#)--> [service].retry.[ms]ms
 *        ^                        ^                                                   | TTL expires
 *        |                        +--(*.queue)-- [service].requeue <------dead-letter-+
 *                                 +--(spent)--> queue.dlq
 * </pre>
 * Consumer and delay queues are durable quorum queues; dead-letter queues are durable classic queues.
 * Delay queues have one TTL each (so no message waits behind a
 * longer one) and dead-letter at-least-once, so a message in transit between them is never dropped.
 */
public final class TopologyDeclarations {

    private final MessagingNames names;
    private final RetryLadder ladder;
    private final int deliveryLimit;

    public TopologyDeclarations(MessagingNames names, RetryLadder ladder, int deliveryLimit) {
        this.names = names;
        this.ladder = ladder;
        this.deliveryLimit = deliveryLimit;
    }

    public Declarables declare(Collection<ConsumerDefinition> consumers, Collection<String> publishedExchanges) {
        List<Declarable> declarables = new ArrayList<>();
        Set<String> exchanges = new LinkedHashSet<>(publishedExchanges);
        consumers.forEach(consumer -> exchanges.add(consumer.exchange()));
        exchanges.forEach(exchange -> declarables.add(topic(names.exchange(exchange))));
        if (!consumers.isEmpty()) {
            declarables.addAll(retryInfrastructure());
        }
        consumers.forEach(consumer -> declarables.addAll(consumerQueue(consumer)));
        return new Declarables(declarables);
    }

    /**
     * A dead-letter queue: durable and classic, like every DLQ here (ADR 0003). Also for a standalone
     * parking queue that has no source queue (the provisioning bridge's), declared with this so it is
     * the same kind of queue as every other the operators list, browse and replay.
     */
    public static Queue deadLetterQueue(String name) {
        return QueueBuilder.durable(name).build();
    }

    /** The dead-letter queue of each consumer queue, for the {@link DeadLetterRegistry}. */
    public List<DeadLetterQueueDescriptor> deadLetterQueues(Collection<ConsumerDefinition> consumers) {
        return consumers.stream().map(consumer -> names.queue(consumer.queue()))
                .map(queue -> DeadLetterQueueDescriptor.ofConsumerQueue(names.serviceName(), queue,
                        MessagingNames.deadLetterQueue(queue)))
                .toList();
    }

    private List<Declarable> retryInfrastructure() {
        List<Declarable> declarables = new ArrayList<>();
        TopicExchange retry = topic(names.retryExchange());
        declarables.add(retry);
        declarables.add(topic(names.requeueExchange()));
        for (Duration delay : ladder.distinctDelays()) {
            Queue delayQueue = QueueBuilder.durable(names.delayQueue(delay))
                    .quorum()
                    .ttl(Math.toIntExact(delay.toMillis()))
                    .deadLetterExchange(names.requeueExchange())
                    .withArgument("x-dead-letter-strategy", "at-least-once")
                    .overflow(QueueBuilder.Overflow.rejectPublish)
                    .build();
            declarables.add(delayQueue);
            declarables.add(BindingBuilder.bind(delayQueue).to(retry).with(delay.toMillis() + ".#"));
        }
        return declarables;
    }

    private List<Declarable> consumerQueue(ConsumerDefinition consumer) {
        String queueName = names.queue(consumer.queue());
        String deadLetterQueueName = MessagingNames.deadLetterQueue(queueName);
        Queue queue = QueueBuilder.durable(queueName)
                .quorum()
                .deliveryLimit(deliveryLimit)
                .deadLetterExchange("")
                .deadLetterRoutingKey(deadLetterQueueName)
                .withArgument("x-dead-letter-strategy", "at-least-once")
                .overflow(QueueBuilder.Overflow.rejectPublish)
                .build();
        // Classic, not quorum: only a classic queue puts browsed-and-returned messages back in their
        // original order (measured on RabbitMQ 3.10; see docs/adr/0003-classic-dead-letter-queues.md).
        Queue deadLetterQueue = deadLetterQueue(deadLetterQueueName);
        List<Declarable> declarables = new ArrayList<>(List.of(queue, deadLetterQueue));
        TopicExchange source = topic(names.exchange(consumer.exchange()));
        for (String routingKey : consumer.routingKeys()) {
            declarables.add(BindingBuilder.bind(queue).to(source).with(routingKey));
        }
        declarables.add(requeueBinding(queue));
        return declarables;
    }

    private Binding requeueBinding(Queue queue) {
        return BindingBuilder.bind(queue).to(topic(names.requeueExchange()))
                .with(MessagingNames.requeueBindingKey(queue.getName()));
    }

    private static TopicExchange topic(String name) {
        return ExchangeBuilder.topicExchange(name).durable(true).build();
    }
}
