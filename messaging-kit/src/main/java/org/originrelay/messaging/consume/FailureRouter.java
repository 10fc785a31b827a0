package org.originrelay.messaging.consume;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.originrelay.messaging.publish.ConfirmedPublisher;
import org.originrelay.messaging.publish.PublishFailedException;
import org.originrelay.messaging.topology.MessagingNames;
import org.originrelay.messaging.topology.RetryLadder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * Moves a message whose processing failed: to the retry exchange with the next delay of the ladder, or
 * (permanent failure, attempts spent) to the queue's dead-letter queue with the failure recorded in
 * headers. Publishes with confirms; the caller acks the original only when this returns.
 */
public class FailureRouter {

    /** Where a failed message went. */
    public enum Outcome { RETRY_SCHEDULED, DEAD_LETTERED }

    private final MessagingNames names;
    private final RetryLadder ladder;
    private final ConfirmedPublisher publisher;
    private final FailureClassifier classifier;

    public FailureRouter(MessagingNames names, RetryLadder ladder, ConfirmedPublisher publisher,
            FailureClassifier classifier) {
        this.names = names;
        this.ladder = ladder;
        this.publisher = publisher;
        this.classifier = classifier;
    }

    public Outcome route(Message message, String queue, Throwable failure) throws PublishFailedException {
        MessageProperties properties = message.getMessageProperties();
        int attempt = attemptsSoFar(properties) + 1;
        recordFailure(properties, queue, failure);
        Optional<Duration> delay = classifier.isPermanent(failure) ? Optional.empty() : ladder.delayBefore(attempt);
        if (delay.isPresent()) {
            properties.setHeader(RelayHeaders.ATTEMPT, attempt);
            publisher.publish(names.retryExchange(), MessagingNames.retryRoutingKey(delay.get(), queue), message);
            return Outcome.RETRY_SCHEDULED;
        }
        properties.setHeader(RelayHeaders.ATTEMPT, attempt - 1);
        publisher.publish("", MessagingNames.deadLetterQueue(queue), message);
        return Outcome.DEAD_LETTERED;
    }

    public static int attemptsSoFar(MessageProperties properties) {
        Object attempt = properties.getHeaders().get(RelayHeaders.ATTEMPT);
        return attempt instanceof Number number ? number.intValue() : 0;
    }

    private void recordFailure(MessageProperties properties, String queue, Throwable failure) {
        String now = Instant.now().toString();
        // The first delivery came from the original exchange; later ones from our requeue exchange.
        properties.getHeaders().putIfAbsent(RelayHeaders.ORIGINAL_EXCHANGE, properties.getReceivedExchange());
        properties.getHeaders().putIfAbsent(RelayHeaders.ORIGINAL_ROUTING_KEY, properties.getReceivedRoutingKey());
        properties.getHeaders().putIfAbsent(RelayHeaders.FIRST_FAILURE_AT, now);
        properties.setHeader(RelayHeaders.ORIGINAL_QUEUE, queue);
        properties.setHeader(RelayHeaders.LAST_FAILURE_AT, now);
        properties.setHeader(RelayHeaders.EXCEPTION_CLASS, failure.getClass().getName());
        properties.setHeader(RelayHeaders.EXCEPTION_MESSAGE, truncate(String.valueOf(failure.getMessage())));
        properties.setHeader(RelayHeaders.FAILED_SERVICE, names.serviceName());
        FailureTrace.record(properties, failure);
    }

    private static String truncate(String text) {
        return text.length() <= RelayHeaders.MAX_EXCEPTION_MESSAGE_LENGTH
                ? text
                : text.substring(0, RelayHeaders.MAX_EXCEPTION_MESSAGE_LENGTH - 1) + "…";
    }
}
