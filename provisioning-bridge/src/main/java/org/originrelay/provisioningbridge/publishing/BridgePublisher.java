package org.originrelay.provisioningbridge.publishing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.originrelay.messaging.parking.ParkingLot;
import org.originrelay.messaging.publish.ConfirmedPublisher;
import org.originrelay.messaging.publish.PublishFailedException;
import org.originrelay.messaging.topology.TopologyDeclarations;
import org.originrelay.provisioningbridge.mapping.BridgeMessage;
import org.originrelay.provisioningbridge.mapping.ProvisioningHeaders;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.stereotype.Component;

/**
 * Publishes a batch in order through the messaging kit: runs of events with pipelined confirms (one
 * round trip per run; or, for batches without unmappable messages, sent on the kit's pipeline and confirmed
 * while the caller fetches and sends the next ones), unmappable messages parked in the bridge's dead-letter queue by the kit's
 * {@link ParkingLot}. Returns how many messages, from the first, the broker confirmed: the caller acks
 * exactly those at the source, so nothing unconfirmed is ever acked and nothing after a gap overtakes it.
 * Each published event carries a W3C {@code traceparent} like the kit's outbox messages: a span of the
 * trace the source message carried, else of the request being handled (REST source), else a new trace.
 */
@Component
public class BridgePublisher {

    private static final Logger log = LoggerFactory.getLogger(BridgePublisher.class);

    /** @param problem why the rest was not confirmed; {@code null} when everything was */
    public record Outcome(int confirmed, String problem) {
    }

    private final ConfirmedPublisher publisher;
    private final ParkingLot parking;
    private final AmqpAdmin admin;
    private final BridgeDestinations destinations;
    private final Counter bridged;
    private final Counter deadLettered;
    private final Tracer tracer;
    private final Propagator propagator;

    BridgePublisher(ConfirmedPublisher publisher, ParkingLot parking, AmqpAdmin admin, BridgeDestinations destinations,
            MeterRegistry meters, ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.publisher = publisher;
        this.parking = parking;
        this.admin = admin;
        this.destinations = destinations;
        this.bridged = meters.counter("relay.bridge.bridged");
        this.deadLettered = meters.counter("relay.bridge.dead_lettered");
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    public Outcome publish(List<BridgeMessage> batch) {
        int confirmed = 0;
        while (confirmed < batch.size()) {
            BridgeMessage next = batch.get(confirmed);
            if (next instanceof BridgeMessage.Unmappable unmappable) {
                String problem = park(unmappable);
                if (problem != null) {
                    return new Outcome(confirmed, problem);
                }
                deadLettered.increment();
                confirmed++;
                continue;
            }
            List<BridgeMessage.Routed> run = new ArrayList<>();
            for (int i = confirmed; i < batch.size() && batch.get(i) instanceof BridgeMessage.Routed routed; i++) {
                run.add(routed);
            }
            Outcome outcome;
            try {
                outcome = publisher.inOrder(pipeline -> sendRun(pipeline, run).await());
            } catch (PublishFailedException e) {
                outcome = new Outcome(0, "RabbitMQ: " + e.getMessage());
            }
            confirmed += outcome.confirmed();
            if (outcome.problem() != null) {
                return new Outcome(confirmed, outcome.problem());
            }
        }
        return new Outcome(confirmed, null);
    }

    /** Whether every message of the batch goes to the exchange (none is to be parked). */
    public static boolean allRouted(List<BridgeMessage> batch) {
        return batch.stream().allMatch(BridgeMessage.Routed.class::isInstance);
    }

    /**
     * Runs {@code work} with a pipeline of the kit that keeps the batches sent through
     * {@link #send(ConfirmedPublisher.EventPipeline, List)} in order on one channel.
     */
    public <T, E extends Exception> T inOrder(ConfirmedPublisher.PipelineWork<T, E> work)
            throws E, PublishFailedException {
        return publisher.inOrder(work);
    }

    /**
     * Sends a batch of routed messages (see {@link #allRouted}) on the pipeline without waiting for its
     * confirms; its outcome is known once they are in.
     */
    public PendingOutcome send(ConfirmedPublisher.EventPipeline pipeline, List<BridgeMessage> batch) {
        return sendRun(pipeline, batch.stream().map(BridgeMessage.Routed.class::cast).toList());
    }

    /** How many messages of a sent batch, from the first, the broker confirmed: known once awaited. */
    @FunctionalInterface
    public interface PendingOutcome {
        Outcome await();
    }

    private PendingOutcome sendRun(ConfirmedPublisher.EventPipeline pipeline, List<BridgeMessage.Routed> run) {
        List<ConfirmedPublisher.Outgoing> outgoing = new ArrayList<>(run.size());
        List<Span> spans = new ArrayList<>(run.size());
        for (BridgeMessage.Routed routed : run) {
            Span span = spanFor(routed);
            spans.add(span);
            outgoing.add(new ConfirmedPublisher.Outgoing(destinations.exchange(), routed.routingKey(),
                    amqp(routed.messageId(), traced(routed.headers(), span), routed.body())));
        }
        ConfirmedPublisher.PendingConfirms pending;
        try {
            pending = pipeline.send(outgoing);
        } catch (PublishFailedException e) {
            spans.forEach(span -> span.error(e).end());
            return () -> new Outcome(0, "RabbitMQ: " + e.getMessage());
        }
        return () -> outcomeOf(run, spans, pending);
    }

    private Outcome outcomeOf(List<BridgeMessage.Routed> run, List<Span> spans,
            ConfirmedPublisher.PendingConfirms pending) {
        List<Boolean> confirms;
        try {
            confirms = pending.await();
        } catch (PublishFailedException e) {
            spans.forEach(span -> span.error(e).end());
            return new Outcome(0, "RabbitMQ: " + e.getMessage());
        }
        spans.forEach(Span::end);
        int confirmed = 0;
        for (boolean confirm : confirms) {
            if (!confirm) {
                return new Outcome(confirmed, "RabbitMQ did not confirm message " + run.get(confirmed).messageId()
                        + " to exchange " + destinations.exchange());
            }
            bridged.increment();
            confirmed++;
        }
        return new Outcome(confirmed, null);
    }

    /** @return {@code null} when parked, else why not (after declaring the queue again for the next try) */
    private String park(BridgeMessage.Unmappable unmappable) {
        Message message = amqp(unmappable.messageId(), unmappable.headers(), unmappable.body());
        try {
            parking.park(destinations.deadLetterQueue(), message, destinations.exchange(), unmappable.routingKey(),
                    new UnmappableMessageException(unmappable.reason()));
            return null;
        } catch (PublishFailedException notParked) {
            // Most often the queue was deleted (the mandatory publish came back unroutable): declare it
            // again, so the next round parks it instead of trying forever.
            try {
                admin.declareQueue(TopologyDeclarations.deadLetterQueue(destinations.deadLetterQueue()));
                log.warn("Could not park {} in {} ({}); declared the queue, trying again", unmappable.messageId(),
                        destinations.deadLetterQueue(), notParked.getMessage());
                return "could not park " + unmappable.messageId() + " in " + destinations.deadLetterQueue()
                        + " (" + notParked.getMessage() + "); declared the queue, trying again";
            } catch (RuntimeException declarationFailed) {
                return "dead-letter queue " + destinations.deadLetterQueue() + " cannot take " + unmappable.messageId()
                        + " and cannot be declared: " + rootMessage(declarationFailed) + "; holding the stream";
            }
        }
    }

    /** A span of the source message's trace if it carried one, else of the current one, else a new trace. */
    private Span spanFor(BridgeMessage.Routed routed) {
        Object sourceTrace = routed.headers().get(ProvisioningHeaders.TRACE_PARENT);
        Span.Builder builder = sourceTrace instanceof String traceParent
                ? propagator.extract(Map.of(ProvisioningHeaders.TRACE_PARENT, traceParent), Map::get)
                : tracer.spanBuilder();
        return builder.name("bridge " + routed.routingKey()).kind(Span.Kind.PRODUCER)
                .tag("messaging.message.id", routed.messageId()).start();
    }

    /** The message's headers with the span's {@code traceparent} (replacing the source's, its parent). */
    private Map<String, Object> traced(Map<String, Object> headers, Span span) {
        Map<String, Object> traced = new HashMap<>(headers);
        propagator.inject(span.context(), traced, Map::put);
        return traced;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private static Message amqp(String messageId, Map<String, Object> headers, byte[] body) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        headers.forEach(properties::setHeader);
        return new Message(body, properties);
    }
}
