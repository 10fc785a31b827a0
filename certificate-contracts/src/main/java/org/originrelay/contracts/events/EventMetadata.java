package org.originrelay.contracts.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What travels beside an event body as AMQP properties and headers: {@code message_id},
 * {@code correlation_id} (the command id), the {@code causation-id} header (the message that caused this
 * one; the command id for {@code requested} events), {@code type}, {@code schema-version} and
 * {@code timestamp}.
 */
public record EventMetadata(UUID messageId, UUID correlationId, UUID causationId, String type, int schemaVersion,
        Instant occurredAt) {

    /** Metadata for a new event caused by {@code cause} (or by the command itself when cause is null). */
    public static EventMetadata forEvent(CertificateEvent event, EventMetadata cause) {
        UUID causationId = cause == null ? event.commandId() : cause.messageId();
        return new EventMetadata(UUID.randomUUID(), event.commandId(), causationId, event.eventType().name(),
                EventCatalog.SCHEMA_VERSION, Instant.now());
    }
}
