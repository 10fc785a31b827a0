package org.originrelay.messaging.rejection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.originrelay.messaging.consume.FailureRouter;
import org.originrelay.messaging.consume.RelayHeaders;
import org.originrelay.messaging.publish.ConfirmedPublisher;
import org.originrelay.messaging.publish.PublishFailedException;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.messaging.topology.RetryLadder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/**
 * The retry ladder for consumers that are not ours: a message a plain AMQP client rejected (or that a
 * quorum queue gave up on after its delivery limit) reaches us through the queue's dead-letter exchange,
 * and this decides where it goes next: the delay queue of its next attempt, or the queue's
 * {@code <queue>.dlq} with the kit's failure headers. Every move is a persistent publish with a
 * confirm; the caller acks the dead-lettered copy only when this returns.
 * <p>
 * The attempt count is our own {@link RelayHeaders#ATTEMPT} header, not the broker's {@code x-death}
 * count: {@code x-death} keeps counting across an operator's replay, while a replay resets our header
 * so the message gets the whole ladder again. {@code x-death} tells us why the broker dead-lettered it.
 */
public class RejectedMessageRouter {

    /** Where a rejected message went. */
    public enum Outcome { RETRY_SCHEDULED, PARKED }

    /** What the router did with one message, for metrics and logs. */
    public record Routed(Outcome outcome, int attempt, String deathReason) {
    }

    public static final String REJECTED = "rejected";
    public static final String DELIVERY_LIMIT = "delivery_limit";

    private final MessagingNames names;
    private final ConfirmedPublisher publisher;

    /** @param names the naming of the retry exchange and delay queues this router publishes to */
    public RejectedMessageRouter(MessagingNames names, ConfirmedPublisher publisher) {
        this.names = names;
        this.publisher = publisher;
    }

    /**
     * @param message the dead-lettered message as received from the dead-letter exchange
     * @param queue the broker name of the queue it was dead-lettered from (it goes back there)
     * @param ladder that queue's retry settings
     */
    public Routed route(Message message, String queue, RetryLadder ladder) throws PublishFailedException {
        MessageProperties properties = message.getMessageProperties();
        Map<String, ?> death = latestDeath(properties, queue);
        String reason = death == null ? REJECTED : String.valueOf(death.get("reason"));
        int attempt = FailureRouter.attemptsSoFar(properties) + 1;
        Instant now = Instant.now();
        recordOrigin(properties, queue, death, now);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        Optional<Duration> delay = REJECTED.equals(reason) ? ladder.delayBefore(attempt) : Optional.empty();
        if (delay.isPresent()) {
            properties.setHeader(RelayHeaders.ATTEMPT, attempt);
            properties.setHeader(RelayHeaders.EXCEPTION_CLASS, "x-death:" + reason);
            properties.setHeader(RelayHeaders.EXCEPTION_MESSAGE,
                    "rejected by the subscriber (attempt " + attempt + " of " + ladder.maxAttempts() + ")");
            appendHistory(properties, "attempt " + attempt + ": rejected at " + now
                    + ", redelivered after " + delay.get().toMillis() + " ms");
            publisher.publish(names.retryExchange(), MessagingNames.retryRoutingKey(delay.get(), queue), message);
            return new Routed(Outcome.RETRY_SCHEDULED, attempt, reason);
        }
        properties.setHeader(RelayHeaders.ATTEMPT, attempt - 1);
        properties.setHeader(RelayHeaders.EXCEPTION_CLASS, "x-death:" + reason);
        String why = REJECTED.equals(reason)
                ? "rejected by the subscriber " + attempt + " times; retries spent (max-attempts "
                        + ladder.maxAttempts() + ")"
                : DELIVERY_LIMIT.equals(reason)
                        ? "delivered too often without an acknowledgement (the subscriber died or disconnected"
                                + " holding it; quorum delivery limit)"
                        : "dead-lettered by the broker: " + reason;
        properties.setHeader(RelayHeaders.EXCEPTION_MESSAGE, why);
        appendHistory(properties, "attempt " + attempt + ": " + reason + " at " + now + ", parked");
        publisher.publish("", MessagingNames.deadLetterQueue(queue), message);
        return new Routed(Outcome.PARKED, attempt, reason);
    }

    /** The broker's most recent dead-lettering of this message from {@code queue}, if it recorded one. */
    static Map<String, ?> latestDeath(MessageProperties properties, String queue) {
        Object deaths = properties.getHeaders().get(RejectionHeaders.X_DEATH);
        if (deaths instanceof List<?> entries) {
            for (Object entry : entries) {
                if (entry instanceof Map<?, ?> death && queue.equals(String.valueOf(death.get("queue")))) {
                    @SuppressWarnings("unchecked")
                    Map<String, ?> typed = (Map<String, ?>) death;
                    return typed;
                }
            }
        }
        return null;
    }

    private void recordOrigin(MessageProperties properties, String queue, Map<String, ?> death, Instant now) {
        Map<String, Object> headers = properties.getHeaders();
        if (death != null) {
            headers.putIfAbsent(RelayHeaders.ORIGINAL_EXCHANGE, String.valueOf(death.get("exchange")));
            if (death.get("routing-keys") instanceof List<?> keys && !keys.isEmpty()) {
                headers.putIfAbsent(RelayHeaders.ORIGINAL_ROUTING_KEY, String.valueOf(keys.getFirst()));
            }
        }
        headers.putIfAbsent(RelayHeaders.FIRST_FAILURE_AT, now.toString());
        headers.put(RelayHeaders.LAST_FAILURE_AT, now.toString());
        headers.put(RelayHeaders.ORIGINAL_QUEUE, queue);
        headers.put(RelayHeaders.FAILED_SERVICE, "subscriber of " + queue);
    }

    private static void appendHistory(MessageProperties properties, String line) {
        List<Object> history = new ArrayList<>();
        if (properties.getHeaders().get(RejectionHeaders.ATTEMPT_HISTORY) instanceof List<?> earlier) {
            history.addAll(earlier.stream().map(String::valueOf).toList());
        }
        history.add(line);
        properties.setHeader(RejectionHeaders.ATTEMPT_HISTORY, history);
    }
}
