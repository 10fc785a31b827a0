package org.originrelay.messaging.deadletter;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.originrelay.messaging.publish.PublishFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Registers this service's dead-letter queues when it starts. If the broker is not reachable yet, it
 * tries again in the background until it is: a service must not fail to start because of it.
 */
public class DeadLetterRegistration implements SmartLifecycle {

    /** How long to wait before trying again when the broker did not take the registrations. */
    public static final Duration RETRY_INTERVAL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRegistration.class);

    private final DeadLetterRegistry registry;
    private final List<DeadLetterQueueDescriptor> descriptors;
    private final Duration retryInterval;
    private ScheduledExecutorService retries;
    private volatile boolean running;

    public DeadLetterRegistration(DeadLetterRegistry registry, List<DeadLetterQueueDescriptor> descriptors,
            Duration retryInterval) {
        this.registry = registry;
        this.descriptors = List.copyOf(descriptors);
        this.retryInterval = retryInterval;
    }

    @Override
    public void start() {
        running = true;
        if (descriptors.isEmpty() || registerAll()) {
            return;
        }
        retries = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("dead-letter-registration").factory());
        retries.scheduleWithFixedDelay(() -> {
            if (registerAll()) {
                retries.shutdown();
            }
        }, retryInterval.toMillis(), retryInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean registerAll() {
        try {
            for (DeadLetterQueueDescriptor descriptor : descriptors) {
                registry.register(descriptor);
            }
            return true;
        } catch (PublishFailedException | RuntimeException e) {
            log.warn("Could not register dead-letter queues in {} yet ({}); trying again in {}",
                    registry.streamName(), e.toString(), retryInterval);
            return false;
        }
    }

    @Override
    public void stop() {
        running = false;
        if (retries != null) {
            retries.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the topology is declared (on the first connection), with the consumers. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
