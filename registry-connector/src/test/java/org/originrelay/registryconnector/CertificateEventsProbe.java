package org.originrelay.registryconnector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.messaging.events.CertificateEventMessages;
import org.originrelay.messaging.topology.MessagingNames;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.ConsumeOkNotReceivedException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * Plays the rest of the system on the broker: publishes events the way the validator does (per the
 * contract) and listens, on a queue of its own, for what the connector announces.
 */
final class CertificateEventsProbe implements AutoCloseable {

    /** One announced outcome: the event, its routing key and the raw message (for its properties). */
    record Announced(CertificateEvent event, String routingKey, Message message) {
    }

    private final RabbitTemplate rabbit;
    private final AmqpAdmin admin;
    private final String exchange;
    private final String queue;
    /** Outcomes received while waiting for another command's, kept for when they are asked for. */
    private final List<Message> received = new ArrayList<>();

    CertificateEventsProbe(RabbitTemplate rabbit, AmqpAdmin admin, MessagingNames names) {
        this.rabbit = rabbit;
        this.admin = admin;
        this.exchange = names.exchange(EventCatalog.EXCHANGE);
        this.queue = names.queue("registry-connector-test.outcomes." + UUID.randomUUID());
        // Declared as the services declare it, so the probe can listen before any service has started.
        TopicExchange events = ExchangeBuilder.topicExchange(exchange).durable(true).build();
        admin.declareExchange(events);
        Queue outcomes = new Queue(queue, false, false, false);
        admin.declareQueue(outcomes);
        admin.declareBinding(BindingBuilder.bind(outcomes).to(events).with("*.registry-accepted"));
        admin.declareBinding(BindingBuilder.bind(outcomes).to(events).with("*.registry-rejected"));
    }

    /** Publishes the event as a new message; returns its message id. */
    UUID publish(CertificateEvent event) {
        UUID messageId = UUID.randomUUID();
        publish(event, messageId);
        return messageId;
    }

    /** Publishes the event under a given message id (to play a redelivery). */
    void publish(CertificateEvent event, UUID messageId) {
        var metadata = new EventMetadata(messageId, event.commandId(), UUID.randomUUID(), event.eventType().name(),
                EventCatalog.SCHEMA_VERSION, Instant.now());
        rabbit.send(exchange, event.eventType().routingKey(), CertificateEventMessages.toMessage(event, metadata));
    }

    /**
     * The next message on the probe's queue within {@code timeoutMs}, or null. A broker too busy to
     * confirm the short-lived consumer within the timeout (a loaded machine) counts as no message yet:
     * the callers keep waiting until their own patience runs out.
     */
    private Message receive(long timeoutMs) {
        try {
            return rabbit.receive(queue, timeoutMs);
        } catch (ConsumeOkNotReceivedException busyBroker) {
            return null;
        }
    }

    /** The next outcome announced for this command; fails when none comes within {@code patience}. */
    Announced awaitOutcome(UUID commandId, Duration patience) {
        Instant giveUp = Instant.now().plus(patience);
        do {
            Message message = receive(200);
            if (message != null) {
                received.add(message);
            }
            Optional<Message> outcome = received.stream().filter(m -> isFor(commandId, m)).findFirst();
            if (outcome.isPresent()) {
                received.remove(outcome.get());
                return announced(outcome.get());
            }
        } while (Instant.now().isBefore(giveUp));
        throw new AssertionError("no registry outcome for command " + commandId + " within " + patience);
    }

    /**
     * Waits until every one of these commands has an outcome, then listens {@code quietPeriod} longer so
     * that a second outcome for any of them would be seen too; returns every outcome of each command.
     */
    Map<UUID, List<Announced>> awaitOutcomes(Collection<UUID> commandIds, Duration patience, Duration quietPeriod) {
        Set<UUID> missing = new HashSet<>(commandIds);
        Instant giveUp = Instant.now().plus(patience);
        while (!missing.isEmpty() && Instant.now().isBefore(giveUp)) {
            Message message = receive(200);
            if (message != null) {
                received.add(message);
                missing.remove(UUID.fromString(message.getMessageProperties().getCorrelationId()));
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError(missing.size() + " of " + commandIds.size() + " commands got no registry outcome within "
                    + patience + ", e.g. " + missing.iterator().next());
        }
        Instant quietUntil = Instant.now().plus(quietPeriod);
        while (Instant.now().isBefore(quietUntil)) {
            Message message = receive(100);
            if (message != null) {
                received.add(message);
            }
        }
        Map<UUID, List<Announced>> outcomes = new LinkedHashMap<>();
        commandIds.forEach(commandId -> outcomes.put(commandId, new ArrayList<>()));
        for (Message message : List.copyOf(received)) {
            List<Announced> ofCommand = outcomes.get(UUID.fromString(message.getMessageProperties().getCorrelationId()));
            if (ofCommand != null) {
                ofCommand.add(announced(message));
                received.remove(message);
            }
        }
        return outcomes;
    }

    private static Announced announced(Message message) {
        return new Announced(CertificateEventMessages.read(message).event(),
                message.getMessageProperties().getReceivedRoutingKey(), message);
    }

    private static boolean isFor(UUID commandId, Message message) {
        return commandId.toString().equals(message.getMessageProperties().getCorrelationId());
    }

    /** Whether any outcome for this command is announced within {@code wait}. */
    boolean anyOutcomeWithin(UUID commandId, Duration wait) {
        try {
            awaitOutcome(commandId, wait);
            return true;
        } catch (AssertionError none) {
            return false;
        }
    }

    @Override
    public void close() {
        admin.deleteQueue(queue);
    }
}
