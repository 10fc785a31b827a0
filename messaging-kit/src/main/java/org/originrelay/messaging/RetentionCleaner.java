package org.originrelay.messaging;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.originrelay.messaging.consume.ProcessedMessages;
import org.originrelay.messaging.outbox.OutboxRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the kit's tables small: remembered message ids (and outbox rows an earlier version kept after
 * publishing them) older than the retention are deleted hourly. The retention must exceed the longest time a duplicate can arrive
 * (retry ladder plus how long an operator may leave a message parked before replaying it).
 */
class RetentionCleaner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RetentionCleaner.class);

    private final OutboxRelay outbox;
    private final ProcessedMessages processed;
    private final Duration retention;
    private ScheduledExecutorService executor;

    RetentionCleaner(OutboxRelay outbox, ProcessedMessages processed, Duration retention) {
        this.outbox = outbox;
        this.processed = processed;
        this.retention = retention;
    }

    void clean() {
        try {
            int outboxRows = outbox.forgetPublishedOlderThan(retention);
            int messageIds = processed.forgetOlderThan(retention);
            log.debug("Removed {} published outbox rows and {} processed message ids", outboxRows, messageIds);
        } catch (RuntimeException e) {
            log.warn("Retention cleaning failed; will try again: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("relay-retention").daemon().factory());
        executor.scheduleWithFixedDelay(this::clean, 1, 60, TimeUnit.MINUTES);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
