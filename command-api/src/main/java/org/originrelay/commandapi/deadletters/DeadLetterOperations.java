package org.originrelay.commandapi.deadletters;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.originrelay.messaging.deadletter.DeadLetter;
import org.originrelay.messaging.deadletter.DeadLetterQueues;
import org.originrelay.messaging.publish.PublishFailedException;
import org.originrelay.messaging.topology.MessagingNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The operator's view of every service's dead-letter queues. The queues are named by configuration
 * ({@code command-api.dead-letters.consumer-queues}): the broker offers no listing over AMQP, and an
 * explicit list also keeps operators away from queues that are not parking lots.
 */
@Service
public class DeadLetterOperations {

    private static final Logger audit = LoggerFactory.getLogger("audit.dead-letters");

    private final DeadLetterQueues queues;
    private final MessagingNames names;
    private final List<String> deadLetterQueues;

    DeadLetterOperations(DeadLetterQueues queues, MessagingNames names,
            @Value("${command-api.dead-letters.consumer-queues}") List<String> consumerQueues) {
        this.queues = queues;
        this.names = names;
        this.deadLetterQueues = consumerQueues.stream().map(MessagingNames::deadLetterQueue).toList();
    }

    public record QueueSummary(String queue, long messages) {
    }

    public List<QueueSummary> summaries() {
        return deadLetterQueues.stream().map(queue -> new QueueSummary(queue, countOrZero(queue))).toList();
    }

    public List<DeadLetter> browse(String queue, int limit) {
        return call(queue, () -> queues.browse(brokerName(queue), limit));
    }

    public int replay(String queue, Predicate<DeadLetter> selection) {
        int replayed = call(queue, () -> queues.replay(brokerName(queue), selection));
        audit.info("replayed {} message(s) from {}", replayed, queue);
        return replayed;
    }

    public int discard(String queue, Predicate<DeadLetter> selection) {
        int discarded = call(queue, () -> queues.discard(brokerName(queue), letter -> {
            boolean selected = selection.test(letter);
            if (selected) {
                audit.info("discarding message {} ({}) from {}; it failed with: {}", letter.messageId(),
                        letter.type(), queue, letter.reason());
            }
            return selected;
        }));
        audit.info("discarded {} message(s) from {}", discarded, queue);
        return discarded;
    }

    public int discard(String queue, String messageId) {
        return discard(queue, letter -> Set.of(messageId).contains(letter.messageId()));
    }

    private long countOrZero(String queue) {
        try {
            return queues.count(brokerName(queue));
        } catch (IOException e) {
            // Not declared yet: its service has never started, so nothing can be parked there.
            return 0;
        }
    }

    private String brokerName(String queue) {
        if (!deadLetterQueues.contains(queue)) {
            throw new UnknownDeadLetterQueue(queue, deadLetterQueues);
        }
        return names.queue(queue);
    }

    @FunctionalInterface
    private interface BrokerCall<T> {
        T run() throws IOException, PublishFailedException;
    }

    private static <T> T call(String queue, BrokerCall<T> work) {
        try {
            return work.run();
        } catch (IOException | PublishFailedException e) {
            throw new BrokerUnavailable("could not reach dead-letter queue " + queue + ": " + e.getMessage(), e);
        }
    }
}
