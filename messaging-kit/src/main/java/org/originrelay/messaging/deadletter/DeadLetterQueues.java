package org.originrelay.messaging.deadletter;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.publish.ConfirmedPublisher;
import org.originrelay.messaging.publish.PublishFailedException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

/**
 * The operator's tools on dead-letter queues: count, browse, replay, discard.
 * <p>
 * AMQP 0-9-1 has no "peek", so browsing fetches messages without acknowledging them on a connection
 * of its own and then closes it: the broker returns every unacknowledged message to the queue in its
 * original order, and (for quorum queues) without counting it as a failed delivery. Nothing is ever
 * consumed by browsing. Replay publishes each selected message to its original queue with a confirm
 * and only then acks it on the dead-letter queue, so a crash mid-replay loses nothing and duplicates
 * at most the one message in flight, which consumers' deduplication absorbs.
 */
public class DeadLetterQueues {

    private final com.rabbitmq.client.ConnectionFactory rabbit;
    private final ConfirmedPublisher publisher;
    private final MessagePropertiesConverter converter = new DefaultMessagePropertiesConverter();

    /** @param rabbit a plain client factory: each operation needs its own connection it can close */
    public DeadLetterQueues(com.rabbitmq.client.ConnectionFactory rabbit, ConfirmedPublisher publisher) {
        this.rabbit = rabbit;
        this.publisher = publisher;
    }

    public long count(String deadLetterQueue) throws IOException {
        try (Connection connection = connect(); Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(deadLetterQueue).getMessageCount();
        } catch (TimeoutException e) {
            throw new IOException(e);
        }
    }

    /** Up to {@code limit} messages from the head of the queue; the queue is left exactly as it was. */
    public List<DeadLetter> browse(String deadLetterQueue, int limit) throws IOException {
        List<DeadLetter> letters = new ArrayList<>();
        try (Connection connection = connect()) {
            Channel channel = connection.createChannel();
            GetResponse response;
            while (letters.size() < limit && (response = channel.basicGet(deadLetterQueue, false)) != null) {
                letters.add(toDeadLetter(response));
            }
            // Closing the connection without acks puts every fetched message back, in order.
        }
        return letters;
    }

    /**
     * Republishes the matching messages to their original queues with the broker-side attempts reset
     * and the replay count raised; returns how many were replayed.
     */
    public int replay(String deadLetterQueue, Predicate<DeadLetter> filter) throws IOException, PublishFailedException {
        return process(deadLetterQueue, filter, this::republish);
    }

    /** Removes the matching messages for good; returns how many. */
    public int discard(String deadLetterQueue, Predicate<DeadLetter> filter) throws IOException, PublishFailedException {
        return process(deadLetterQueue, filter, (letter, message) -> {
        });
    }

    @FunctionalInterface
    private interface Disposal {
        void dispose(DeadLetter letter, Message message) throws PublishFailedException;
    }

    private int process(String deadLetterQueue, Predicate<DeadLetter> filter, Disposal disposal)
            throws IOException, PublishFailedException {
        int processed = 0;
        try (Connection connection = connect()) {
            Channel channel = connection.createChannel();
            // Only what was parked when we started: messages returned or parked meanwhile wait for the next run.
            long parked = channel.queueDeclarePassive(deadLetterQueue).getMessageCount();
            GetResponse response;
            for (long seen = 0; seen < parked && (response = channel.basicGet(deadLetterQueue, false)) != null; seen++) {
                DeadLetter letter = toDeadLetter(response);
                if (filter.test(letter)) {
                    disposal.dispose(letter, toMessage(response));
                    channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
                    processed++;
                }
            }
        }
        return processed;
    }

    private void republish(DeadLetter letter, Message message) throws PublishFailedException {
        MessageProperties properties = message.getMessageProperties();
        properties.getHeaders().remove(RelayHeaders.ATTEMPT);
        properties.setHeader(RelayHeaders.REPLAY_COUNT, letter.replayCount() + 1);
        publisher.publish("", letter.originalQueue(), message);
    }

    private Connection connect() throws IOException {
        try {
            return rabbit.newConnection("dead-letter-operations");
        } catch (TimeoutException e) {
            throw new IOException("could not connect to the broker", e);
        }
    }

    private Message toMessage(GetResponse response) {
        MessageProperties properties = converter.toMessageProperties(response.getProps(), response.getEnvelope(), "UTF-8");
        return new Message(response.getBody(), properties);
    }

    private DeadLetter toDeadLetter(GetResponse response) {
        AMQP.BasicProperties props = response.getProps();
        Map<String, Object> headers = new HashMap<>();
        if (props.getHeaders() != null) {
            props.getHeaders().forEach((key, value) -> headers.put(key, value == null ? null : value.toString()));
        }
        String queue = response.getEnvelope().getRoutingKey();
        String originalQueue = text(headers, RelayHeaders.ORIGINAL_QUEUE);
        return new DeadLetter(props.getMessageId(), props.getType(),
                text(headers, RelayHeaders.ORIGINAL_EXCHANGE), text(headers, RelayHeaders.ORIGINAL_ROUTING_KEY),
                originalQueue != null ? originalQueue : queue.replaceFirst("\\.dlq$", ""),
                number(headers, RelayHeaders.ATTEMPT), number(headers, RelayHeaders.REPLAY_COUNT),
                text(headers, RelayHeaders.EXCEPTION_CLASS), text(headers, RelayHeaders.EXCEPTION_MESSAGE),
                instant(headers, RelayHeaders.FIRST_FAILURE_AT), instant(headers, RelayHeaders.LAST_FAILURE_AT),
                text(headers, RelayHeaders.FAILED_SERVICE), Map.copyOf(nonNull(headers)), response.getBody());
    }

    private static Map<String, Object> nonNull(Map<String, Object> headers) {
        headers.values().removeIf(java.util.Objects::isNull);
        return headers;
    }

    private static String text(Map<String, Object> headers, String name) {
        Object value = headers.get(name);
        return value == null ? null : value.toString();
    }

    private static int number(Map<String, Object> headers, String name) {
        String value = text(headers, name);
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant instant(Map<String, Object> headers, String name) {
        String value = text(headers, name);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
