package org.originrelay.messaging.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.amqp.core.Message;
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

    private final RabbitTemplate template;
    private final Duration confirmTimeout;

    /** @param template a template with {@code mandatory} set, on a connection factory with correlated confirms and returns */
    public ConfirmedPublisher(RabbitTemplate template, Duration confirmTimeout) {
        this.template = template;
        this.confirmTimeout = confirmTimeout;
    }

    public void publish(String exchange, String routingKey, Message message) throws PublishFailedException {
        List<Outgoing> single = List.of(new Outgoing(exchange, routingKey, message));
        List<Boolean> confirmed = publishAll(single);
        if (!confirmed.getFirst()) {
            throw new PublishFailedException("broker did not confirm message to " + describe(single.getFirst()));
        }
    }

    /**
     * Sends all messages first and then waits for their confirms, so a batch costs one round trip.
     *
     * @return per message, in order: whether the broker confirmed it
     */
    public List<Boolean> publishAll(List<Outgoing> messages) throws PublishFailedException {
        List<CorrelationData> pending = new ArrayList<>(messages.size());
        try {
            for (Outgoing outgoing : messages) {
                CorrelationData correlation = new CorrelationData(outgoing.message().getMessageProperties().getMessageId());
                template.send(outgoing.exchange(), outgoing.routingKey(), outgoing.message(), correlation);
                pending.add(correlation);
            }
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
