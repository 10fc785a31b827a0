package org.originrelay.registryconnector.reconciliation;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registryconnector.reconciliation.ReconciliationStore.Due;
import org.originrelay.registryconnector.registry.RegistryClient;
import org.originrelay.registryconnector.registry.RegistryErrors;
import org.originrelay.registryconnector.registry.RegistryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs due reconciliations one at a time on its own thread: each tick it schedules the sweep's share,
 * then, while the rate limiter grants a stream read, leases the next due reconciliation (operators'
 * first), reads the stream and lets the {@link Reconciler} decide. The rate limiter (resilience4j) caps
 * the stream reads per second for all reconciliations together, so the registry is never flooded however
 * much is due: what is not granted waits for the next tick, in the table.
 */
@Component
public class ReconciliationRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationRunner.class);

    private final ReconciliationStore store;
    private final Reconciler reconciler;
    private final RegistryClient registry;
    private final ReconciliationProperties properties;
    private final ReconciliationMetrics metrics;
    private final TransactionTemplate transactions;
    private final RateLimiter streamReads;
    private final Duration lease;
    private volatile ScheduledExecutorService ticker;
    /** Only the tick thread reads and writes it. */
    private boolean tickFails;

    public ReconciliationRunner(ReconciliationStore store, Reconciler reconciler, RegistryClient registry,
            ReconciliationProperties properties, RegistryProperties registryProperties,
            ReconciliationMetrics metrics, TransactionTemplate transactions) {
        this.store = store;
        this.reconciler = reconciler;
        this.registry = registry;
        this.properties = properties;
        this.metrics = metrics;
        this.transactions = transactions;
        this.streamReads = RateLimiter.of("registry-stream-reads", RateLimiterConfig.custom()
                .limitForPeriod(properties.streamReadsPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
        this.lease = registryProperties.claimLease();
    }

    void tick() {
        try {
            if (properties.sweep()) {
                Integer scheduled = transactions.execute(status ->
                        store.scheduleSweep(properties.sweepBatch(), properties.sweepQuietPeriod()));
                if (scheduled != null && scheduled > 0) {
                    log.debug("Sweep scheduled {} touched certificate(s) for reconciliation", scheduled);
                }
            }
            while (ticker != null && streamReads.acquirePermission()) {
                Optional<Due> next = transactions.execute(status -> store.claimNext(lease));
                if (next == null || next.isEmpty()) {
                    break;
                }
                run(next.get());
            }
            if (tickFails) {
                tickFails = false;
                log.info("Reconciliations run again");
            }
        } catch (RuntimeException e) {
            if (!tickFails) {
                tickFails = true;
                log.warn("Running reconciliations failed; trying again every tick: {}", e.toString());
            }
        }
    }

    private void run(Due due) {
        List<Transaction> stream;
        try {
            stream = registry.streamTransactions(due.certificateId()).join();
        } catch (CompletionException | IllegalStateException e) {
            Throwable failure = e.getCause() != null ? e.getCause() : e;
            metrics.readFailed();
            if (due.attempts() >= properties.maxAttempts()) {
                reconciler.unreadable(due, RegistryErrors.describe(failure));
                log.warn("Reconciliation {} of certificate {} failed: its stream could not be read {} time(s): {}",
                        due.reconciliationId(), due.certificateId(), due.attempts(), RegistryErrors.describe(failure));
            } else {
                Duration wait = properties.backoff(due.attempts());
                transactions.executeWithoutResult(status -> store.retryLater(due.reconciliationId(), wait));
                log.info("Reconciliation {} could not read the stream of certificate {} ({}); trying again in {}",
                        due.reconciliationId(), due.certificateId(), RegistryErrors.describe(failure), wait);
            }
            return;
        }
        switch (reconciler.decide(due, stream)) {
            case Reconciler.Decided decided -> log.info("Reconciliation {} of certificate {} ({}): {}",
                    due.reconciliationId(), due.certificateId(), due.startedBy(), decided.outcome());
            case Reconciler.NotDecided.STALE -> transactions.executeWithoutResult(status ->
                    store.retryLater(due.reconciliationId(), properties.retryBackoff()));
            case Reconciler.NotDecided.DECIDED_ELSEWHERE -> log.debug("Reconciliation {} was decided by another instance",
                    due.reconciliationId());
        }
    }

    @Override
    public synchronized void start() {
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("registry-reconciliation").daemon().factory());
        ticker.scheduleWithFixedDelay(this::tick, properties.tick().toMillis(), properties.tick().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (ticker == null) {
            return;
        }
        ScheduledExecutorService stopping = ticker;
        ticker = null;
        stopping.shutdownNow();
        try {
            stopping.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return ticker != null;
    }
}
