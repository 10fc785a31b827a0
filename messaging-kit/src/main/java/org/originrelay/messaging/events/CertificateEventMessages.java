package org.originrelay.messaging.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.ContractViolation;
import org.originrelay.contracts.events.EventJson;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.contracts.reconciliation.CertificateReconciled;
import org.originrelay.contracts.reconciliation.CertificateReconciledJson;
import org.originrelay.messaging.consume.MessageHandler;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.outbox.OutboxMessage;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/** Translates between certificate events and AMQP messages, both ways, per the public contract. */
public final class CertificateEventMessages {

    private CertificateEventMessages() {
    }

    /** A consumer handler that reads each message as a certificate event and hands it on. */
    public static MessageHandler handledBy(CertificateEventHandler handler) {
        return message -> {
            Read read = read(message);
            handler.handle(read.event(), read.metadata());
        };
    }

    /**
     * A consumer handler that reads each message as the registry's state of a certificate, found by
     * reconciliation ({@code certificate.reconciled}), and hands it on.
     */
    public static MessageHandler reconciliationsHandledBy(Consumer<CertificateReconciled> handler) {
        return message -> handler.accept(CertificateReconciledJson.read(message.getMessageProperties().getType(),
                schemaVersion(message.getMessageProperties()), message.getBody()));
    }

    public record Read(CertificateEvent event, EventMetadata metadata) {
    }

    public static Read read(Message message) {
        MessageProperties properties = message.getMessageProperties();
        CertificateEvent event = EventJson.read(properties.getType(), schemaVersion(properties), message.getBody());
        Instant occurredAt = properties.getTimestamp() == null ? Instant.now() : properties.getTimestamp().toInstant();
        var metadata = new EventMetadata(uuid(properties.getMessageId(), "message_id"),
                uuid(properties.getCorrelationId(), "correlation_id"),
                uuid(header(properties, RelayHeaders.CAUSATION_ID), RelayHeaders.CAUSATION_ID),
                properties.getType(), schemaVersion(properties), occurredAt);
        return new Read(event, metadata);
    }

    /**
     * The AMQP message an event is published as; for tests and tools that publish events the way the
     * services do (services themselves publish through {@link CertificateEventPublisher}).
     */
    public static Message toMessage(CertificateEvent event, EventMetadata metadata) {
        return toOutboxMessage(event, metadata, "").toAmqpMessage(metadata.occurredAt());
    }

    static OutboxMessage toOutboxMessage(CertificateEvent event, EventMetadata metadata, String exchange) {
        return new OutboxMessage(metadata.messageId().toString(), exchange, event.eventType().routingKey(),
                metadata.type(), metadata.correlationId().toString(),
                Map.of(RelayHeaders.CAUSATION_ID, metadata.causationId().toString(),
                        RelayHeaders.SCHEMA_VERSION, metadata.schemaVersion()),
                EventJson.write(event));
    }

    private static Integer schemaVersion(MessageProperties properties) {
        Object version = properties.getHeaders().get(RelayHeaders.SCHEMA_VERSION);
        if (version instanceof Number number) {
            return number.intValue();
        }
        if (version != null) {
            try {
                return Integer.valueOf(version.toString());
            } catch (NumberFormatException e) {
                throw new ContractViolation("schema-version header '" + version + "' is not a number");
            }
        }
        throw new ContractViolation("message has no schema-version header");
    }

    private static String header(MessageProperties properties, String name) {
        Object value = properties.getHeaders().get(name);
        return value == null ? null : value.toString();
    }

    private static UUID uuid(String value, String field) {
        if (value == null) {
            throw new ContractViolation("message has no " + field);
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ContractViolation(field + " '" + value + "' is not a UUID", e);
        }
    }
}
