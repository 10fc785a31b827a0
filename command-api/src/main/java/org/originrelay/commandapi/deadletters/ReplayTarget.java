package org.originrelay.commandapi.deadletters;

import java.util.Set;
import org.originrelay.messaging.deadletter.DeadLetter;
import org.originrelay.messaging.deadletter.Disposition;

/**
 * Where a replay sends one parked message: back to its original queue (one of the kit's managed queues,
 * through the default exchange), or, for a standalone parking lot such as the bridge's, to the exchange
 * the registry names with the message's original routing key. Anything else is refused.
 */
record ReplayTarget(String exchange, String routingKey, String description) {

    sealed interface Resolution {
    }

    record Replayable(ReplayTarget target) implements Resolution {
    }

    record Refused(String why) implements Resolution {
    }

    static Resolution of(DeadLetterCatalog.Queue queue, DeadLetter letter, Set<String> managedQueues,
            DeadLetterCatalog catalog) {
        if (queue.replaysToExchange()) {
            String routingKey = letter.originalRoutingKey();
            if (routingKey == null || routingKey.isBlank()) {
                return new Refused("message " + letter.messageId() + " has no x-relay-original-routing-key, so it "
                        + "cannot be republished to exchange " + queue.replayExchange());
            }
            return new Replayable(new ReplayTarget(queue.replayExchangeBrokerName(), routingKey,
                    "exchange " + queue.replayExchange() + " with routing key " + routingKey));
        }
        String original = letter.originalQueue();
        if (original == null || !managedQueues.contains(original)) {
            return new Refused("message " + letter.messageId() + " names '" + catalog.displayName(original)
                    + "' as its queue, which is not one of the kit's managed queues");
        }
        return new Replayable(new ReplayTarget("", original, "queue " + catalog.displayName(original)));
    }

    Disposition disposition() {
        return new Disposition.Republish(exchange, routingKey);
    }
}
