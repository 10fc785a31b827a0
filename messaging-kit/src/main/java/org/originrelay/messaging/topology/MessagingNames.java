package org.originrelay.messaging.topology;

import java.time.Duration;

/**
 * Turns the logical names used in code ({@code certificates.events}, {@code validator.requests}) into
 * broker names, and names the retry topology of this service.
 */
public record MessagingNames(String namespace, String serviceName) {

    public String exchange(String logicalName) {
        return namespace + logicalName;
    }

    public String queue(String logicalName) {
        return namespace + logicalName;
    }

    /** Where failed messages are sent to wait: routing key {@code <delay-ms>.<queue>}. */
    public String retryExchange() {
        return namespace + serviceName + ".retry";
    }

    /** Where waiting messages return when their delay expires; each queue binds {@code *.<queue>}. */
    public String requeueExchange() {
        return namespace + serviceName + ".requeue";
    }

    public String delayQueue(Duration delay) {
        return namespace + serviceName + ".retry." + delay.toMillis() + "ms";
    }

    public static String deadLetterQueue(String queue) {
        return queue + ".dlq";
    }

    public static String retryRoutingKey(Duration delay, String queue) {
        return delay.toMillis() + "." + queue;
    }

    public static String requeueBindingKey(String queue) {
        return "*." + queue;
    }
}
