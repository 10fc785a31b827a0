package org.originrelay.messaging.deadletter;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.publish.ConfirmedPublisher;
import org.originrelay.messaging.publish.PublishFailedException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

/**
 * The operator's tools on dead-letter queues: look, browse, replay, discard.
 * <p>
 * AMQP 0-9-1 has no "peek", so browsing fetches messages without acknowledging them on a connection
 * of its own and then closes it: the broker returns every unacknowledged message to the queue in its
 * original order (classic queues, ADR 0003). Nothing is ever consumed by browsing. Messages are handed
 * to the caller one at a time, so browsing ten thousand holds one body in memory, not ten thousand.
 * Replay publishes each selected message with a confirm and only then acks it on the dead-letter queue,
 * so a crash mid-replay loses nothing and duplicates at most the one message in flight, which consumers'
 * deduplication absorbs.
 */
public class DeadLetterQueues {

    /** What a dead-letter queue holds right now. */
    public record Depth(long messages, Instant oldestParkedAt) {
    }

    /** Decides, message by message, what {@link #process} does. May block (pacing) or throw (stops the run). */
    @FunctionalInterface
    public interface Decision {
        Disposition decide(DeadLetter letter) throws Exception;
    }

    private static final String BROKER_DEATHS = "x-death";

    private final com.rabbitmq.client.ConnectionFactory rabbit;
    private final List<Address> brokers;
    private final ConfirmedPublisher publisher;
    private final MessagePropertiesConverter converter = new DefaultMessagePropertiesConverter();

    /**
     * @param rabbit a plain client factory: each operation needs its own connection it can close
     * @param brokers the service's broker addresses ({@code spring.rabbitmq.addresses}), tried in turn as
     *     the service's own connections try them; empty: the factory's host and port
     */
    public DeadLetterQueues(com.rabbitmq.client.ConnectionFactory rabbit, List<Address> brokers,
            ConfirmedPublisher publisher) {
        this.rabbit = rabbit;
        this.brokers = List.copyOf(brokers);
        this.publisher = publisher;
    }

    public long count(String deadLetterQueue) throws IOException {
        try (Connection connection = connect()) {
            return parkedNow(connection.createChannel(), deadLetterQueue);
        }
    }

    /**
     * How many messages are parked and since when the oldest waits; empty if the queue does not exist.
     *
     * @throws IOException the broker cannot be reached
     */
    public Optional<Depth> depth(String deadLetterQueue) throws IOException {
        try (Connection connection = connect()) {
            Channel channel = connection.createChannel();
            long messages;
            try {
                messages = parkedNow(channel, deadLetterQueue);
            } catch (NoSuchDeadLetterQueue e) {
                return Optional.empty();
            }
            GetResponse head = messages == 0 ? null : channel.basicGet(deadLetterQueue, false);
            return Optional.of(new Depth(messages, head == null ? null : toDeadLetter(0, head).parkedAt()));
            // Closing the connection puts the head back in place.
        }
    }

    /** Up to {@code limit} messages from the head of the queue; the queue is left exactly as it was. */
    public List<DeadLetter> browse(String deadLetterQueue, int limit) throws IOException {
        List<DeadLetter> letters = new ArrayList<>();
        browse(deadLetterQueue, limit, letters::add);
        return letters;
    }

    /**
     * Hands up to {@code limit} messages from the head of the queue to {@code sink}, one at a time,
     * without consuming them; returns how many.
     */
    public long browse(String deadLetterQueue, long limit, Consumer<DeadLetter> sink) throws IOException {
        long seen = 0;
        try (Connection connection = connect()) {
            Channel channel = connection.createChannel();
            long parked = parkedNow(channel, deadLetterQueue);
            GetResponse response;
            while (seen < Math.min(limit, parked) && (response = channel.basicGet(deadLetterQueue, false)) != null) {
                sink.accept(toDeadLetter(seen, response));
                seen++;
            }
            // Closing the connection without acks puts every fetched message back, in order.
        }
        return seen;
    }

    /**
     * Republishes the matching messages to their original queues with the ladder passes reset and the
     * replay count raised; returns how many were replayed.
     */
    public int replay(String deadLetterQueue, Predicate<DeadLetter> filter) throws IOException, PublishFailedException {
        return process(deadLetterQueue, letter -> filter.test(letter)
                ? Disposition.toQueue(letter.originalQueue()) : Disposition.KEEP);
    }

    /** Removes the matching messages for good; returns how many. */
    public int discard(String deadLetterQueue, Predicate<DeadLetter> filter) throws IOException, PublishFailedException {
        return process(deadLetterQueue, letter -> filter.test(letter) ? Disposition.REMOVE : Disposition.KEEP);
    }

    /**
     * Goes through what was parked when it started, from the head, and does with each message what
     * {@code decision} says; returns how many left the queue. A message is acked only after its
     * disposition is done; a failing decision or publish ends the run and leaves the rest in place.
     */
    public int process(String deadLetterQueue, Decision decision) throws IOException, PublishFailedException {
        return process(deadLetterQueue, decision, letter -> {
        });
    }

    /** As {@link #process(String, Decision)}, telling {@code onMoved} of each message once it is acked. */
    public int process(String deadLetterQueue, Decision decision, Consumer<DeadLetter> onMoved)
            throws IOException, PublishFailedException {
        int processed = 0;
        try (Connection connection = connect()) {
            Channel channel = connection.createChannel();
            // Only what was parked when we started: messages returned or parked meanwhile wait for the next run.
            long parked = parkedNow(channel, deadLetterQueue);
            GetResponse response;
            for (long seen = 0; seen < parked && (response = channel.basicGet(deadLetterQueue, false)) != null; seen++) {
                DeadLetter letter = toDeadLetter(seen, response);
                Disposition disposition = decide(decision, letter);
                if (disposition instanceof Disposition.Stop) {
                    break;
                }
                if (disposition instanceof Disposition.Republish target) {
                    publisher.publish(target.exchange(), target.routingKey(), replayable(letter, response));
                }
                if (!(disposition instanceof Disposition.Keep)) {
                    channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
                    processed++;
                    onMoved.accept(letter);
                }
            }
        }
        return processed;
    }

    private static Disposition decide(Decision decision, DeadLetter letter) throws IOException, PublishFailedException {
        try {
            return Objects.requireNonNull(decision.decide(letter), "disposition");
        } catch (IOException | PublishFailedException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message as it goes back: unchanged body and contract properties, persistent, ladder reset. */
    private Message replayable(DeadLetter letter, GetResponse response) {
        MessageProperties properties = converter.toMessageProperties(response.getProps(), response.getEnvelope(), "UTF-8");
        properties.getHeaders().remove(RelayHeaders.ATTEMPT);
        properties.setHeader(RelayHeaders.REPLAY_COUNT, letter.replayCount() + 1);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        return new Message(response.getBody(), properties);
    }

    private Connection connect() throws IOException {
        try {
            return brokers.isEmpty() ? rabbit.newConnection("dead-letter-operations")
                    : rabbit.newConnection(brokers, "dead-letter-operations");
        } catch (TimeoutException e) {
            throw new IOException("could not connect to the broker", e);
        }
    }

    /** @throws NoSuchDeadLetterQueue the broker has no such queue (deleted, or its service never started) */
    private static long parkedNow(Channel channel, String queue) throws IOException {
        try {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException e) {
            if (isNotFound(e)) {
                throw new NoSuchDeadLetterQueue(queue);
            }
            throw e;
        }
    }

    private static boolean isNotFound(IOException e) {
        return e.getCause() instanceof ShutdownSignalException signal
                && signal.getReason() instanceof AMQP.Channel.Close close && close.getReplyCode() == AMQP.NOT_FOUND;
    }

    private DeadLetter toDeadLetter(long position, GetResponse response) {
        AMQP.BasicProperties props = response.getProps();
        Map<String, Object> raw = props.getHeaders() == null ? Map.of() : props.getHeaders();
        Map<String, Object> headers = new HashMap<>();
        raw.forEach((key, value) -> {
            if (value != null) {
                headers.put(key, value.toString());
            }
        });
        String queue = response.getEnvelope().getRoutingKey();
        String originalQueue = text(headers, RelayHeaders.ORIGINAL_QUEUE);
        Instant lastFailure = instant(headers, RelayHeaders.LAST_FAILURE_AT);
        Integer deliveries = headers.containsKey(RelayHeaders.DELIVERIES)
                ? Integer.valueOf(number(headers, RelayHeaders.DELIVERIES)) : null;
        return new DeadLetter(position, props.getMessageId(), props.getType(), props.getCorrelationId(),
                text(headers, RelayHeaders.ORIGINAL_EXCHANGE), text(headers, RelayHeaders.ORIGINAL_ROUTING_KEY),
                originalQueue != null ? originalQueue : queue.replaceFirst("\\.dlq$", ""),
                deliveries, number(headers, RelayHeaders.ATTEMPT), number(headers, RelayHeaders.REPLAY_COUNT),
                text(headers, RelayHeaders.EXCEPTION_CLASS), text(headers, RelayHeaders.EXCEPTION_MESSAGE),
                text(headers, RelayHeaders.STACK_TRACE), instant(headers, RelayHeaders.FIRST_FAILURE_AT), lastFailure,
                parkedAt(lastFailure, raw.get(BROKER_DEATHS), props.getTimestamp()),
                text(headers, RelayHeaders.FAILED_SERVICE), Map.copyOf(headers), response.getBody());
    }

    /** The kit's failure time; else the broker's dead-lettering time (delivery limit); else the publish time. */
    private static Instant parkedAt(Instant lastFailure, Object deaths, Date published) {
        if (lastFailure != null) {
            return lastFailure;
        }
        if (deaths instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof Map<?, ?> death
                && death.get("time") instanceof Date time) {
            return time.toInstant();
        }
        return published == null ? null : published.toInstant();
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
