package org.originrelay.messaging.deadletter;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.originrelay.messaging.publish.PublishFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;

/**
 * Every registered dead-letter queue, read from the {@link DeadLetterRegistry} stream from its first
 * offset and then kept up to date while it runs. Used by the operators' service (command-api).
 * <p>
 * A stream has no "end" a reader could see, so before answering for the first time the directory
 * appends a checkpoint and waits until it has read it: then it has read everything registered before.
 */
public class DeadLetterDirectory implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDirectory.class);

    /** The directory could not read the registry up to now (the broker is unreachable, or slow). */
    public static class NotCurrent extends Exception {
        NotCurrent(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final DeadLetterRegistry registry;
    private final SimpleMessageListenerContainer container;
    private final Duration catchUpTimeout;
    private final Map<String, DeadLetterQueueDescriptor> byQueue = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> awaitedCheckpoints = new ConcurrentHashMap<>();
    private volatile CompletableFuture<Void> caughtUp;

    public DeadLetterDirectory(ConnectionFactory connectionFactory, DeadLetterRegistry registry, Duration catchUpTimeout) {
        this.registry = registry;
        this.catchUpTimeout = catchUpTimeout;
        this.container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(registry.streamName());
        // Every (re)connection reads the whole stream again; entries are idempotent (last one wins).
        container.setConsumerArguments(Map.of("x-stream-offset", "first"));
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setPrefetchCount(500);
        // A stream just declared may not accept consumers for a moment; try again soon, not in 5 s.
        container.setRecoveryInterval(1000);
        container.setFailedDeclarationRetryInterval(1000);
        // Until some service has declared the stream, keep trying rather than stop for good.
        container.setMissingQueuesFatal(false);
        container.setMessageListener(this::read);
        container.setBeanName("dead-letter-directory");
        container.afterPropertiesSet();
    }

    /** Every registered dead-letter queue, sorted by name. */
    public List<DeadLetterQueueDescriptor> all() throws NotCurrent {
        awaitCurrent();
        return byQueue.values().stream().sorted(Comparator.comparing(DeadLetterQueueDescriptor::deadLetterQueue)).toList();
    }

    public Optional<DeadLetterQueueDescriptor> find(String deadLetterQueue) throws NotCurrent {
        awaitCurrent();
        return Optional.ofNullable(byQueue.get(deadLetterQueue));
    }

    private void awaitCurrent() throws NotCurrent {
        CompletableFuture<Void> current = checkpointToAwait();
        try {
            current.get(catchUpTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            caughtUp = null;
            throw new NotCurrent("could not read the dead-letter registry " + registry.streamName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotCurrent("interrupted while reading the dead-letter registry", e);
        }
    }

    private synchronized CompletableFuture<Void> checkpointToAwait() {
        CompletableFuture<Void> current = caughtUp;
        if (current == null || current.isCompletedExceptionally()) {
            current = new CompletableFuture<>();
            caughtUp = current;
            try {
                String checkpoint = registry.checkpoint();
                awaitedCheckpoints.put(checkpoint, current);
            } catch (PublishFailedException | RuntimeException e) {
                current.completeExceptionally(e);
            }
        }
        return current;
    }

    private void read(Message message) {
        String type = message.getMessageProperties().getType();
        try {
            JsonNode entry = DeadLetterRegistry.JSON.readTree(message.getBody());
            if (DeadLetterRegistry.CHECKPOINT_TYPE.equals(type)) {
                CompletableFuture<Void> waiting = awaitedCheckpoints.remove(entry.get("checkpoint").asString());
                if (waiting != null) {
                    waiting.complete(null);
                }
            } else if (DeadLetterRegistry.DESCRIPTOR_TYPE.equals(type)) {
                DeadLetterQueueDescriptor descriptor = new DeadLetterQueueDescriptor(entry.get("service").asString(),
                        entry.get("deadLetterQueue").asString(), optional(entry, "sourceQueue"),
                        optional(entry, "replayExchange"));
                byQueue.put(descriptor.deadLetterQueue(), descriptor);
            }
        } catch (RuntimeException e) {
            // An entry we cannot read is skipped rather than blocking every later one.
            log.warn("Skipping unreadable dead-letter registry entry {}: {}", message.getMessageProperties().getMessageId(), e.toString());
        }
    }

    private static String optional(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    @Override
    public void start() {
        container.start();
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public boolean isRunning() {
        return container.isRunning();
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
