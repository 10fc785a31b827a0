package org.originrelay.commandapi.deadletters;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.originrelay.messaging.deadletter.DeadLetterDirectory;
import org.originrelay.messaging.deadletter.DeadLetterQueueDescriptor;
import org.originrelay.messaging.topology.MessagingNames;
import org.springframework.stereotype.Service;

/**
 * Every service's dead-letter queues, as they registered themselves in the kit's registry; names as
 * operators use them (without this environment's namespace prefix).
 */
@Service
public class DeadLetterCatalog {

    /**
     * @param name the DLQ's name in URLs and the console
     * @param replayExchange {@code null} when a replay goes back to the message's original queue
     */
    public record Queue(String name, String brokerName, String service, String sourceQueue, String replayExchange,
            String replayExchangeBrokerName) {

        public boolean replaysToExchange() {
            return replayExchange != null;
        }
    }

    private final DeadLetterDirectory directory;
    private final MessagingNames names;

    DeadLetterCatalog(DeadLetterDirectory directory, MessagingNames names) {
        this.directory = directory;
        this.names = names;
    }

    public List<Queue> all() {
        return descriptors().stream().map(this::queue).toList();
    }

    public Queue require(String name) {
        try {
            Optional<DeadLetterQueueDescriptor> found = directory.find(names.queue(name));
            return found.map(this::queue)
                    .orElseThrow(() -> new UnknownDeadLetterQueue(name, all().stream().map(Queue::name).toList()));
        } catch (DeadLetterDirectory.NotCurrent e) {
            throw new BrokerUnavailable(e.getMessage(), e);
        }
    }

    /** The kit's managed consumer queues (broker names): the only queues a replay may send to. */
    public Set<String> managedQueues() {
        return descriptors().stream().map(DeadLetterQueueDescriptor::sourceQueue)
                .filter(java.util.Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }

    /** A broker name as operators see it. */
    public String displayName(String brokerName) {
        return brokerName != null && brokerName.startsWith(names.namespace())
                ? brokerName.substring(names.namespace().length()) : brokerName;
    }

    private List<DeadLetterQueueDescriptor> descriptors() {
        try {
            return directory.all();
        } catch (DeadLetterDirectory.NotCurrent e) {
            throw new BrokerUnavailable(e.getMessage(), e);
        }
    }

    private Queue queue(DeadLetterQueueDescriptor descriptor) {
        return new Queue(displayName(descriptor.deadLetterQueue()), descriptor.deadLetterQueue(), descriptor.service(),
                displayName(descriptor.sourceQueue()), displayName(descriptor.replayExchange()),
                descriptor.replayExchange());
    }
}
