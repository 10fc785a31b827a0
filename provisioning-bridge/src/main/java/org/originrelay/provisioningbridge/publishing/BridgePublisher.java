package org.originrelay.provisioningbridge.publishing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.originrelay.provisioningbridge.BridgeProperties;
import org.originrelay.provisioningbridge.mapping.BridgeMessage;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a batch in order with pipelined publisher confirms: every message is sent, then the
 * confirms are awaited, so a batch costs one round trip. Returns how many messages, from the first,
 * the broker confirmed: the caller acks exactly those at the source, so nothing unconfirmed is ever
 * acked and nothing after a gap overtakes it. (The messaging kit's ConfirmedPublisher does the same
 * for the services; the bridge has no database, so it does not use the kit, whose outbox needs one.)
 */
@Component
public class BridgePublisher {

    private final RabbitTemplate events;
    private final RabbitTemplate deadLetters;
    private final BridgeProperties properties;
    private final Counter bridged;
    private final Counter deadLettered;

    BridgePublisher(ConnectionFactory connectionFactory, BridgeProperties properties, MeterRegistry meters) {
        this.events = new RabbitTemplate(connectionFactory);
        this.deadLetters = new RabbitTemplate(connectionFactory);
        // A parked message must reach its queue; an event nobody has subscribed to yet is fine.
        this.deadLetters.setMandatory(true);
        this.properties = properties;
        this.bridged = meters.counter("relay.bridge.bridged");
        this.deadLettered = meters.counter("relay.bridge.dead_lettered");
    }

    public int publish(List<BridgeMessage> batch) {
        List<CorrelationData> pending = new ArrayList<>(batch.size());
        try {
            // One channel for all events of a batch: messages on different channels may overtake each other.
            // Parked messages go through the mandatory template; their order relative to events does not matter.
            events.invoke(channel -> {
                for (BridgeMessage message : batch) {
                    CorrelationData correlation = new CorrelationData(message.messageId());
                    switch (message) {
                        case BridgeMessage.Routed routed -> channel.send(properties.exchange(), routed.routingKey(),
                                amqp(routed.messageId(), routed.headers(), routed.body()), correlation);
                        case BridgeMessage.Unmappable unmappable -> {
                            Message parked = amqp(unmappable.messageId(), unmappable.headers(), unmappable.body());
                            parked.getMessageProperties().setHeader("x-relay-exception-message", unmappable.reason());
                            parked.getMessageProperties().setHeader("x-relay-failed-service", "provisioning-bridge");
                            deadLetters.send("", properties.deadLetterQueue(), parked, correlation);
                        }
                    }
                    pending.add(correlation);
                }
                return null;
            });
        } catch (RuntimeException brokerUnavailable) {
            // Whatever was sent before the failure may still be confirmed below.
        }
        long deadline = System.nanoTime() + properties.confirmTimeout().toNanos();
        int confirmed = 0;
        while (confirmed < pending.size() && isConfirmed(pending.get(confirmed), deadline)) {
            count(batch.get(confirmed));
            confirmed++;
        }
        return confirmed;
    }

    private void count(BridgeMessage message) {
        if (message instanceof BridgeMessage.Unmappable) {
            deadLettered.increment();
        } else {
            bridged.increment();
        }
    }

    private static boolean isConfirmed(CorrelationData correlation, long deadline) {
        try {
            long remaining = Math.max(0, deadline - System.nanoTime());
            CorrelationData.Confirm confirm = correlation.getFuture().get(remaining, TimeUnit.NANOSECONDS);
            return confirm.ack() && correlation.getReturned() == null;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Message amqp(String messageId, java.util.Map<String, Object> headers, byte[] body) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(messageId);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        headers.forEach(properties::setHeader);
        return new Message(body, properties);
    }
}
