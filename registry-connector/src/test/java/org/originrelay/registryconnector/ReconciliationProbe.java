package org.originrelay.registryconnector;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.operations.OperationsContract;
import org.originrelay.contracts.reconciliation.CertificateReconciled;
import org.originrelay.contracts.reconciliation.ReconciliationCompleted;
import org.originrelay.contracts.reconciliation.ReconciliationContract;
import org.originrelay.contracts.reconciliation.ReconciliationRequested;
import org.originrelay.messaging.topology.MessagingNames;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.ConsumeOkNotReceivedException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays the operator's side of reconciliation over the broker: asks on {@code relay.operations} and
 * listens for {@code certificate.reconciled} and {@code reconciliation.completed}.
 */
final class ReconciliationProbe implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RabbitTemplate rabbit;
    private final AmqpAdmin admin;
    private final String operations;
    private final String queue;
    private final List<Message> received = new ArrayList<>();

    ReconciliationProbe(RabbitTemplate rabbit, AmqpAdmin admin, MessagingNames names) {
        this.rabbit = rabbit;
        this.admin = admin;
        this.operations = names.exchange(OperationsContract.EXCHANGE);
        this.queue = names.queue("registry-connector-test.reconciliations." + UUID.randomUUID());
        TopicExchange events = ExchangeBuilder.topicExchange(names.exchange(EventCatalog.EXCHANGE)).durable(true).build();
        TopicExchange operationsExchange = ExchangeBuilder.topicExchange(operations).durable(true).build();
        admin.declareExchange(events);
        admin.declareExchange(operationsExchange);
        Queue listening = new Queue(queue, false, false, false);
        admin.declareQueue(listening);
        admin.declareBinding(BindingBuilder.bind(listening).to(events).with(ReconciliationContract.CERTIFICATE_RECONCILED));
        admin.declareBinding(BindingBuilder.bind(listening).to(operationsExchange)
                .with(ReconciliationContract.RECONCILIATION_COMPLETED));
    }

    /** Asks as command-api does; returns the request's message id. */
    UUID request(UUID reconciliationId, UUID certificateId) {
        UUID messageId = UUID.randomUUID();
        Message message = MessageBuilder.withBody(JSON.writeValueAsString(
                        new ReconciliationRequested(reconciliationId, certificateId, "operator-olga"))
                        .getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setMessageId(messageId.toString())
                .setCorrelationId(reconciliationId.toString())
                .setType("ReconciliationRequested")
                .setHeader("schema-version", ReconciliationContract.SCHEMA_VERSION)
                .build();
        rabbit.send(operations, ReconciliationContract.RECONCILIATION_REQUESTED, message);
        return messageId;
    }

    ReconciliationCompleted awaitCompleted(UUID reconciliationId, Duration patience) {
        Message message = await(m -> ReconciliationContract.RECONCILIATION_COMPLETED.equals(routingKey(m))
                && reconciliationId.toString().equals(m.getMessageProperties().getCorrelationId()), patience)
                .orElseThrow(() -> new AssertionError("no answer to reconciliation " + reconciliationId));
        return JSON.readValue(message.getBody(), ReconciliationCompleted.class);
    }

    /** The next {@code certificate.reconciled} of this certificate, with its message. */
    Optional<Reconciled> reconciled(UUID certificateId, Duration patience) {
        return await(m -> ReconciliationContract.CERTIFICATE_RECONCILED.equals(routingKey(m))
                        && JSON.readValue(m.getBody(), CertificateReconciled.class).certificateId().equals(certificateId),
                patience)
                .map(m -> new Reconciled(JSON.readValue(m.getBody(), CertificateReconciled.class), m));
    }

    record Reconciled(CertificateReconciled event, Message message) {
    }

    /** The next message within {@code timeoutMs}, or null; a broker too busy to confirm the consumer in time counts as none yet. */
    private Message receive(long timeoutMs) {
        try {
            return rabbit.receive(queue, timeoutMs);
        } catch (ConsumeOkNotReceivedException busyBroker) {
            return null;
        }
    }

    private Optional<Message> await(Predicate<Message> wanted, Duration patience) {
        Instant giveUp = Instant.now().plus(patience);
        do {
            Message message = receive(200);
            if (message != null) {
                received.add(message);
            }
            Optional<Message> found = received.stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                received.remove(found.get());
                return found;
            }
        } while (Instant.now().isBefore(giveUp));
        return Optional.empty();
    }

    private static String routingKey(Message message) {
        return message.getMessageProperties().getReceivedRoutingKey();
    }

    @Override
    public void close() {
        admin.deleteQueue(queue);
    }
}
