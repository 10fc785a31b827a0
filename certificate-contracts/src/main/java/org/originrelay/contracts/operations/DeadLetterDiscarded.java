package org.originrelay.contracts.operations;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An operator discarded a dead letter (JSON body of {@link OperationsContract#DEAD_LETTER_DISCARDED}).
 *
 * @param queue the dead-letter queue it was discarded from
 * @param messageId the discarded message's {@code message_id}
 * @param correlationId its {@code correlation_id}: for certificate events, the command id
 * @param type its AMQP {@code type}, e.g. {@code TransferSliceValidated}
 * @param routingKey the routing key it was first published with
 * @param discardedBy the operator
 * @param discardedAt when
 */
public record DeadLetterDiscarded(String queue, String messageId, String correlationId, String type,
        String routingKey, String discardedBy, Instant discardedAt) {

    /** The command id, when the correlation id is one. */
    public Optional<UUID> commandId() {
        try {
            return correlationId == null ? Optional.empty() : Optional.of(UUID.fromString(correlationId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
