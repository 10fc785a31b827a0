package org.originrelay.commandapi;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.EventJson;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.topology.MessagingNames;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The certificate events exchange of a test's namespace, as any other service sees it: a queue bound
 * with {@code #} to watch what is published, and publishing per the contract.
 */
public final class EventTap implements AutoCloseable {

    private final RabbitTemplate rabbit;
    private final AmqpAdmin admin;
    private final String exchange;
    private final String queue;

    public EventTap(RabbitTemplate rabbit, AmqpAdmin admin, MessagingNames names) {
        this.rabbit = rabbit;
        this.admin = admin;
        this.exchange = names.exchange(EventCatalog.EXCHANGE);
        this.queue = names.queue("command-api-test.tap." + UUID.randomUUID());
        Queue tapQueue = new Queue(queue, false, false, false);
        admin.declareQueue(tapQueue);
        admin.declareBinding(BindingBuilder.bind(tapQueue).to(new TopicExchange(exchange)).with("#"));
    }

    /** The next event published, or null when none arrives within the timeout. */
    public Message next(long timeoutMillis) {
        return rabbit.receive(queue, timeoutMillis);
    }

    /** Every event that arrives until none has for {@code quietMillis}. */
    public List<Message> drain(long quietMillis) {
        List<Message> messages = new ArrayList<>();
        for (Message message = next(quietMillis); message != null; message = next(quietMillis)) {
            messages.add(message);
        }
        return messages;
    }

    /** Publishes an event as another service would: contract properties, headers and JSON body. */
    public String publish(CertificateEvent event, UUID causationId) {
        String messageId = UUID.randomUUID().toString();
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId);
        properties.setCorrelationId(event.commandId().toString());
        properties.setType(event.eventType().name());
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setTimestamp(new Date());
        properties.setHeader(RelayHeaders.CAUSATION_ID, causationId.toString());
        properties.setHeader(RelayHeaders.SCHEMA_VERSION, EventCatalog.SCHEMA_VERSION);
        rabbit.send(exchange, event.eventType().routingKey(), new Message(EventJson.write(event), properties));
        return messageId;
    }

    @Override
    public void close() {
        admin.deleteQueue(queue);
    }
}
