package org.originrelay.messaging.deadletter;

import java.util.Objects;

/**
 * One dead-letter queue as the {@link DeadLetterRegistry} knows it: who parks messages there and where a
 * replay sends them. Names are broker names (namespaced).
 *
 * @param service the service that declares it and parks messages there
 * @param deadLetterQueue the queue itself
 * @param sourceQueue the consumer queue whose failures it holds; {@code null} for a standalone parking lot
 * @param replayExchange {@code null}: a replay goes back to the message's original queue (one of the kit's
 *     managed queues, through the default exchange); otherwise a replay republishes to this exchange with
 *     the message's original routing key ({@code x-relay-original-routing-key})
 */
public record DeadLetterQueueDescriptor(String service, String deadLetterQueue, String sourceQueue,
        String replayExchange) {

    public DeadLetterQueueDescriptor {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
        if (sourceQueue == null && replayExchange == null) {
            throw new IllegalArgumentException("a dead-letter queue replays to its source queue or to an exchange");
        }
    }

    /** The DLQ of one of the kit's consumer queues: replays go back to that queue. */
    public static DeadLetterQueueDescriptor ofConsumerQueue(String service, String sourceQueue, String deadLetterQueue) {
        return new DeadLetterQueueDescriptor(service, deadLetterQueue, sourceQueue, null);
    }

    /**
     * A standalone parking lot (such as the bridge's) for messages that never reached a queue: replays
     * republish them to {@code exchange} with their original routing key.
     */
    public static DeadLetterQueueDescriptor parkingLot(String service, String deadLetterQueue, String exchange) {
        return new DeadLetterQueueDescriptor(service, deadLetterQueue, null, exchange);
    }

    public boolean replaysToExchange() {
        return replayExchange != null;
    }
}
