package org.originrelay.registryconnector;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.EventJson;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.events.CertificateEventMessages;
import org.originrelay.messaging.topology.MessagingNames;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
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
        Queue outcomes = new Queue(queue, false, false, false);
        admin.declareQueue(outcomes);
        admin.declareBinding(BindingBuilder.bind(outcomes).to(new TopicExchange(exchange)).with("*.registry-accepted"));
        admin.declareBinding(BindingBuilder.bind(outcomes).to(new TopicExchange(exchange)).with("*.registry-rejected"));
    }

    /** Publishes the event as a new message; returns its message id. */
    UUID publish(CertificateEvent event) {
        UUID messageId = UUID.randomUUID();
        publish(event, messageId);
        return messageId;
    }

    /** Publishes the event under a given message id (to play a redelivery). */
    void publish(CertificateEvent event, UUID messageId) {
        Message message = MessageBuilder.withBody(EventJson.write(event))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setType(event.eventType().name())
                .setMessageId(messageId.toString())
                .setCorrelationId(event.commandId().toString())
                .setHeader(RelayHeaders.CAUSATION_ID, UUID.randomUUID().toString())
                .setHeader(RelayHeaders.SCHEMA_VERSION, EventCatalog.SCHEMA_VERSION)
                .build();
        rabbit.send(exchange, event.eventType().routingKey(), message);
    }

    /** The next outcome announced for this command; fails when none comes within {@code patience}. */
    Announced awaitOutcome(UUID commandId, Duration patience) {
        Instant giveUp = Instant.now().plus(patience);
        do {
            Message message = rabbit.receive(queue, 200);
            if (message != null) {
                received.add(message);
            }
            Optional<Message> outcome = received.stream().filter(m -> isFor(commandId, m)).findFirst();
            if (outcome.isPresent()) {
                received.remove(outcome.get());
                return new Announced(CertificateEventMessages.read(outcome.get()).event(),
                        outcome.get().getMessageProperties().getReceivedRoutingKey(), outcome.get());
            }
        } while (Instant.now().isBefore(giveUp));
        throw new AssertionError("no registry outcome for command " + commandId + " within " + patience);
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
