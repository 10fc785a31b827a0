package org.originrelay.messaging.outbox;

import java.util.Map;
import java.util.Objects;

/**
 * A message to publish once the surrounding database transaction commits.
 *
 * @param exchange broker name of the exchange (already namespaced)
 * @param headers AMQP headers (strings and numbers)
 */
public record OutboxMessage(String messageId, String exchange, String routingKey, String type, String correlationId,
        Map<String, Object> headers, byte[] body) {

    public OutboxMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }
}
