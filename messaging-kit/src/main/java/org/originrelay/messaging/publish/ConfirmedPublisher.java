package org.originrelay.messaging.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Publishes and waits until the broker has taken responsibility: a positive publisher confirm and no
 * mandatory return. Everything that must not be lost (outbox rows, retries, dead letters, replays) goes
 * through here; callers release their copy (delete, ack) only after this returns.
 */
public class ConfirmedPublisher {

    /** Where a message goes. */
    public record Outgoing(String exchange, String routingKey, Message message) {
    }

    /** For messages that must land in a queue (retries, dead letters, replays): unroutable means failed. */
    private final RabbitTemplate routedTemplate;
    /** For events: a topic nobody subscribes to yet is fine; the broker's confirm is what counts. */
    private final RabbitTemplate broadcastTemplate;
    private final Duration confirmTimeout;

    /** @param connectionFactory a factory with correlated publisher confirms and returns enabled */
    public ConfirmedPublisher(ConnectionFactory connectionFactory, Duration confirmTimeout) {
        this.routedTemplate = new RabbitTemplate(connectionFactory);
        this.routedTemplate.setMandatory(true);
        this.broadcastTemplate = new RabbitTemplate(connectionFactory);
        this.confirmTimeout = confirmTimeout;
    }

    /** Publishes one message that must reach at least one queue. */
    public void publish(String exchange, String routingKey, Message message) throws PublishFailedException {
        List<Outgoing> single = List.of(new Outgoing(exchange, routingKey, message));
        List<Boolean> confirmed = publishAll(routedTemplate, single);
        if (!confirmed.getFirst()) {
            throw new PublishFailedException("broker did not confirm message to " + describe(single.getFirst()));
        }
    }

    /**
     * Publishes events: sends all messages first and then waits for their confirms, so a batch costs one
     * round trip. An event no queue is bound for yet is still confirmed.
     *
     * @return per message, in order: whether the broker confirmed it
     */
    public List<Boolean> publishEvents(List<Outgoing> messages) throws PublishFailedException {
        return publishAll(broadcastTemplate, messages);
    }

    private List<Boolean> publishAll(RabbitTemplate template, List<Outgoing> messages) throws PublishFailedException {
        List<CorrelationData> pending = new ArrayList<>(messages.size());
        try {
            // One channel for the whole batch: messages on different channels may overtake each other.
            template.invoke(channel -> {
                for (Outgoing outgoing : messages) {
                    // A received message has no delivery mode of its own (only the received one), and a
                    // transient message is dropped by a classic queue when the broker restarts: every
                    // message the kit sends or moves is persistent.
                    outgoing.message().getMessageProperties().setDeliveryMode(MessageDeliveryMode.PERSISTENT);
                    CorrelationData correlation = new CorrelationData(outgoing.message().getMessageProperties().getMessageId());
                    channel.send(outgoing.exchange(), outgoing.routingKey(), outgoing.message(), correlation);
                    pending.add(correlation);
                }
                return null;
            });
        } catch (RuntimeException e) {
            throw new PublishFailedException("could not publish: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        List<Boolean> confirmed = new ArrayList<>(pending.size());
        for (CorrelationData correlation : pending) {
            confirmed.add(awaitConfirm(correlation, deadline));
        }
        return confirmed;
    }

    private static boolean awaitConfirm(CorrelationData correlation, long deadline) throws PublishFailedException {
        try {
            long remaining = Math.max(0, deadline - System.nanoTime());
            CorrelationData.Confirm confirm = correlation.getFuture().get(remaining, TimeUnit.NANOSECONDS);
            // A return (unroutable with mandatory) arrives before the confirm, which is still positive.
            return confirm.ack() && correlation.getReturned() == null;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while waiting for publisher confirms", e);
        }
    }

    private static String describe(Outgoing outgoing) {
        return "exchange '" + outgoing.exchange() + "' with routing key '" + outgoing.routingKey() + "'";
    }
}
