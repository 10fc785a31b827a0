package org.originrelay.validator;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.EventCatalog;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.messaging.events.CertificateEventMessages;
import org.originrelay.messaging.topology.MessagingNames;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Publishes events as the other services would, and watches what the validator publishes. */
public final class EventTraffic {

    private final RabbitTemplate rabbit;
    private final AmqpAdmin admin;
    private final MessagingNames names;
    private final String watchQueue;

    public EventTraffic(RabbitTemplate rabbit, AmqpAdmin admin, MessagingNames names) {
        this.rabbit = rabbit;
        this.admin = admin;
        this.names = names;
        this.watchQueue = names.queue("validator-test.watch." + UUID.randomUUID());
        Queue queue = new Queue(watchQueue, false, false, false);
        admin.declareQueue(queue);
        TopicExchange exchange = new TopicExchange(names.exchange(EventCatalog.EXCHANGE));
        admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with("*.validated"));
        admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with("*.rejected"));
    }

    public EventMetadata publish(CertificateEvent event) {
        EventMetadata metadata = EventMetadata.forEvent(event, null);
        publish(event, metadata);
        return metadata;
    }

    public void publish(CertificateEvent event, EventMetadata metadata) {
        send(names.exchange(EventCatalog.EXCHANGE), event.eventType().routingKey(),
                CertificateEventMessages.toMessage(event, metadata));
    }

    /**
     * Returns once the broker confirmed the message, so the next one cannot overtake it: successive sends
     * may go out on different cached channels, and the broker orders messages per channel only.
     */
    public void send(String exchange, String routingKey, Message message) {
        CorrelationData confirmation = new CorrelationData(message.getMessageProperties().getMessageId());
        rabbit.send(exchange, routingKey, message, confirmation);
        assertThat(confirmation.getFuture().orTimeout(10, TimeUnit.SECONDS).join().ack())
                .as("the broker confirmed the message to " + routingKey).isTrue();
    }

    /** The validator's next answer, or null when none comes in time. */
    public CertificateEventMessages.Read nextAnswer(Duration within) {
        Message message = rabbit.receive(watchQueue, within.toMillis());
        return message == null ? null : CertificateEventMessages.read(message);
    }

    public void close() {
        admin.deleteQueue(watchQueue);
    }
}
