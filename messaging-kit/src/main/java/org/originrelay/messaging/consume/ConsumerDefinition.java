package org.originrelay.messaging.consume;

import java.util.List;
import java.util.Objects;

/**
 * One queue of a service: where it is bound and what handles its messages. A service declares its
 * consumers as beans of this type in its one messaging configuration; the kit declares the queue, its
 * bindings, its dead-letter queue and its place in the retry ladder, and runs the listener.
 *
 * @param queue logical queue name, {@code <service>.<purpose>}
 * @param exchange logical name of the topic exchange the queue is bound to
 * @param routingKeys binding patterns
 * @param handler the work, run once per message id
 */
public record ConsumerDefinition(String queue, String exchange, List<String> routingKeys, MessageHandler handler) {

    public ConsumerDefinition {
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(handler, "handler");
        routingKeys = List.copyOf(routingKeys);
        if (routingKeys.isEmpty()) {
            throw new IllegalArgumentException("queue " + queue + " needs at least one routing key");
        }
    }
}
