package org.originrelay.messaging.parking;

import java.time.Instant;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.publish.ConfirmedPublisher;
import org.originrelay.messaging.publish.PublishFailedException;
import org.originrelay.messaging.topology.MessagingNames;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/**
 * Parks a message that never sat in one of our queues (e.g. one the provisioning bridge read from NATS
 * and could not map) in a standalone dead-letter queue, with the same failure headers the consumers'
 * {@link org.originrelay.messaging.consume.FailureRouter} writes, so operators list, browse and replay
 * it like every other dead letter. {@link RelayHeaders#ORIGINAL_QUEUE} stays unset: there is no source
 * queue; a replay goes to {@link RelayHeaders#ORIGINAL_EXCHANGE} with
 * {@link RelayHeaders#ORIGINAL_ROUTING_KEY}. Persistent, published with a confirm, mandatory: returns
 * only when the broker holds it in the queue.
 */
public class ParkingLot {

    private final ConfirmedPublisher publisher;
    private final MessagingNames names;

    public ParkingLot(ConfirmedPublisher publisher, MessagingNames names) {
        this.publisher = publisher;
        this.names = names;
    }

    /**
     * @param originalExchange where the message would have been published (broker name)
     * @param originalRoutingKey the routing key it would have had; {@code null} when none can be told
     *     (then the header is left out)
     * @throws PublishFailedException the broker did not take it (down, or the queue is missing: declare it
     *     with {@link org.originrelay.messaging.topology.TopologyDeclarations#deadLetterQueue} and retry)
     */
    public void park(String deadLetterQueue, Message message, String originalExchange, String originalRoutingKey,
            Throwable failure) throws PublishFailedException {
        MessageProperties properties = message.getMessageProperties();
        String now = Instant.now().toString();
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setHeader(RelayHeaders.ORIGINAL_EXCHANGE, originalExchange);
        if (originalRoutingKey != null) {
            properties.setHeader(RelayHeaders.ORIGINAL_ROUTING_KEY, originalRoutingKey);
        }
        properties.getHeaders().putIfAbsent(RelayHeaders.FIRST_FAILURE_AT, now);
        properties.setHeader(RelayHeaders.LAST_FAILURE_AT, now);
        properties.setHeader(RelayHeaders.EXCEPTION_CLASS, failure.getClass().getName());
        properties.setHeader(RelayHeaders.EXCEPTION_MESSAGE, truncate(String.valueOf(failure.getMessage())));
        properties.setHeader(RelayHeaders.FAILED_SERVICE, names.serviceName());
        publisher.publish("", deadLetterQueue, message);
    }

    private static String truncate(String text) {
        return text.length() <= RelayHeaders.MAX_EXCEPTION_MESSAGE_LENGTH
                ? text
                : text.substring(0, RelayHeaders.MAX_EXCEPTION_MESSAGE_LENGTH - 1) + "…";
    }
}
