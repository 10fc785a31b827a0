package org.originrelay.messaging.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.originrelay.messaging.publish.ConfirmedPublisher;
import org.originrelay.messaging.publish.PublishFailedException;
import org.originrelay.messaging.topology.MessagingNames;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The broker-side list of every dead-letter queue of every service. AMQP cannot list queues and our
 * broker has no management plugin, so each service appends a descriptor of each DLQ it declares to one
 * stream queue ({@value #LOGICAL_NAME}) when it starts; a reader ({@link DeadLetterDirectory}) replays
 * the stream from its first offset. A stream keeps every entry for any number of readers and never
 * loses one to a reader's ack (docs/adr/0005-dead-letter-registry-stream.md).
 * <p>
 * Any code that declares a dead-letter queue registers it here, either by exposing a
 * {@link DeadLetterQueueDescriptor} bean (registered at start) or by calling {@link #register}.
 */
public class DeadLetterRegistry {

    public static final String LOGICAL_NAME = "relay.dead-letter-registry";
    static final String DESCRIPTOR_TYPE = "DeadLetterQueueRegistered";
    static final String CHECKPOINT_TYPE = "DeadLetterRegistryCheckpoint";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final MessagingNames names;
    private final ConfirmedPublisher publisher;

    public DeadLetterRegistry(MessagingNames names, ConfirmedPublisher publisher) {
        this.names = names;
        this.publisher = publisher;
    }

    public String streamName() {
        return names.queue(LOGICAL_NAME);
    }

    /** The stream itself: durable, declared (idempotently) by every service that uses the kit. */
    public Queue declaration() {
        return QueueBuilder.durable(streamName()).stream().build();
    }

    /** Appends the descriptor (confirmed); a later entry for the same queue replaces an earlier one. */
    public void register(DeadLetterQueueDescriptor descriptor) throws PublishFailedException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("service", descriptor.service());
        entry.put("deadLetterQueue", descriptor.deadLetterQueue());
        entry.put("sourceQueue", descriptor.sourceQueue());
        entry.put("replayExchange", descriptor.replayExchange());
        entry.put("registeredAt", Instant.now().toString());
        append(DESCRIPTOR_TYPE, entry);
    }

    /** Appends a marker a reader waits for: once it has read it, it has read everything registered before. */
    String checkpoint() throws PublishFailedException {
        String id = UUID.randomUUID().toString();
        append(CHECKPOINT_TYPE, Map.of("checkpoint", id));
        return id;
    }

    private void append(String type, Map<String, Object> entry) throws PublishFailedException {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(UUID.randomUUID().toString());
        properties.setType(type);
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        byte[] body = JSON.writeValueAsString(entry).getBytes(StandardCharsets.UTF_8);
        publisher.publish("", streamName(), new Message(body, properties));
    }
}
