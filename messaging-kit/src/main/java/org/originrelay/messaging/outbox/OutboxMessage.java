package org.originrelay.messaging.outbox;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

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

    /** The AMQP message as published: JSON, persistent, with the contract's properties and headers. */
    public Message toAmqpMessage(Instant timestamp) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId);
        properties.setType(type);
        properties.setCorrelationId(correlationId);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding("UTF-8");
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setTimestamp(Date.from(timestamp));
        headers.forEach(properties::setHeader);
        return new Message(body, properties);
    }
}
