package org.originrelay.messaging.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import com.rabbitmq.client.Channel;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.connection.ChannelProxy;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitOperations;
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

    /**
     * Runs {@code work} with a pipeline that sends batches of events one after another on one channel, so
     * they reach the broker in the order sent, without waiting for a batch's confirms before sending the
     * next: the caller awaits each batch's {@link PendingConfirms} when it needs them (and acts on a batch's
     * outcome only after every earlier batch's). The channel stays with the caller until {@code work}
     * returns: messages on different channels may overtake each other.
     */
    public <T, E extends Exception> T inOrder(PipelineWork<T, E> work) throws E, PublishFailedException {
        try {
            return broadcastTemplate.invoke(operations -> {
                try {
                    return work.run(new PinnedPipeline(operations));
                } catch (Exception e) {
                    throw new WorkFailure(e);
                }
            });
        } catch (WorkFailure failure) {
            if (failure.getCause() instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            @SuppressWarnings("unchecked")
            E cause = (E) failure.getCause();
            throw cause;
        } catch (RuntimeException noChannel) {
            throw new PublishFailedException("could not publish: " + noChannel.getMessage(), noChannel);
        }
    }

    /**
     * The pipeline of one {@link #inOrder} call, pinned to the channel its first batch went out on. Once a
     * batch could not be sent, or that channel has closed or been replaced (a lost connection: the batches
     * still unconfirmed on it are lost too), it sends nothing more: a later batch on a new channel would
     * reach the broker before the lost ones are sent again and overtake them.
     */
    private final class PinnedPipeline implements EventPipeline {

        private final RabbitOperations operations;
        private Channel pinned;
        private String broken;

        PinnedPipeline(RabbitOperations operations) {
            this.operations = operations;
        }

        @Override
        public PendingConfirms send(List<Outgoing> messages) throws PublishFailedException {
            if (broken != null) {
                throw new PublishFailedException("an earlier batch of this pipeline was not sent (" + broken
                        + "): nothing after it is sent on it");
            }
            Channel current;
            try {
                current = operations.execute(channel -> channel instanceof ChannelProxy proxy
                        ? proxy.getTargetChannel() : channel);
            } catch (RuntimeException noChannel) {
                throw brokenBy(new PublishFailedException("could not publish: " + noChannel.getMessage(), noChannel));
            }
            if (pinned == null) {
                pinned = current;
            } else if (current != pinned || !current.isOpen()) {
                throw brokenBy(new PublishFailedException(
                        "the pipeline's channel closed; its unconfirmed batches may be lost"));
            }
            try {
                return ConfirmedPublisher.this.send(operations, messages);
            } catch (PublishFailedException e) {
                throw brokenBy(e);
            }
        }

        private PublishFailedException brokenBy(PublishFailedException failure) {
            broken = failure.getMessage();
            return failure;
        }
    }

    /** What runs with an {@link EventPipeline} bound to one channel. */
    @FunctionalInterface
    public interface PipelineWork<T, E extends Exception> {
        T run(EventPipeline pipeline) throws E;
    }

    /** Sends events (not mandatory: an event no queue is bound for yet is still confirmed) on one channel. */
    @FunctionalInterface
    public interface EventPipeline {
        PendingConfirms send(List<Outgoing> messages) throws PublishFailedException;
    }

    /** The confirms of one sent batch, awaited when the caller needs them. */
    public static final class PendingConfirms {

        private final List<CorrelationData> correlations;
        private final long deadline;

        private PendingConfirms(List<CorrelationData> correlations, long deadline) {
            this.correlations = correlations;
            this.deadline = deadline;
        }

        /**
         * @return per message, in order: whether the broker confirmed it within the confirm timeout
         *     (counted from when the batch was sent)
         */
        public List<Boolean> await() throws PublishFailedException {
            List<Boolean> confirmed = new ArrayList<>(correlations.size());
            for (CorrelationData correlation : correlations) {
                confirmed.add(awaitConfirm(correlation, deadline));
            }
            return confirmed;
        }
    }

    private List<Boolean> publishAll(RabbitTemplate template, List<Outgoing> messages) throws PublishFailedException {
        PendingConfirms pending;
        try {
            // One channel for the whole batch: messages on different channels may overtake each other.
            pending = template.invoke(operations -> {
                try {
                    return send(operations, messages);
                } catch (PublishFailedException e) {
                    throw new WorkFailure(e);
                }
            });
        } catch (WorkFailure failure) {
            throw (PublishFailedException) failure.getCause();
        } catch (RuntimeException noChannel) {
            throw new PublishFailedException("could not publish: " + noChannel.getMessage(), noChannel);
        }
        return pending.await();
    }

    private PendingConfirms send(RabbitOperations channel, List<Outgoing> messages) throws PublishFailedException {
        List<CorrelationData> pending = new ArrayList<>(messages.size());
        try {
            for (Outgoing outgoing : messages) {
                // A received message has no delivery mode of its own (only the received one), and a
                // transient message is dropped by a classic queue when the broker restarts: every
                // message the kit sends or moves is persistent.
                outgoing.message().getMessageProperties().setDeliveryMode(MessageDeliveryMode.PERSISTENT);
                CorrelationData correlation = new CorrelationData(outgoing.message().getMessageProperties().getMessageId());
                channel.send(outgoing.exchange(), outgoing.routingKey(), outgoing.message(), correlation);
                pending.add(correlation);
            }
        } catch (RuntimeException e) {
            throw new PublishFailedException("could not publish: " + e.getMessage(), e);
        }
        return new PendingConfirms(pending, System.nanoTime() + confirmTimeout.toNanos());
    }

    /** Carries a checked exception out of a channel callback. */
    private static final class WorkFailure extends RuntimeException {
        WorkFailure(Exception cause) {
            super(cause);
        }
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
