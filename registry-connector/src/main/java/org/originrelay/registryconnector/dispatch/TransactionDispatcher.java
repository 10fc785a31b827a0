package org.originrelay.registryconnector.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.originrelay.registryconnector.persistence.ClaimedTransaction;
import org.originrelay.registryconnector.persistence.TransactionStore;
import org.originrelay.registryconnector.registry.RegistryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Drives stored transactions to the registry: every tick it leases the transactions that are due (as
 * many as the in-flight limit allows) and starts one asynchronous step for each. The tick thread only
 * claims; calls run on gRPC's threads and their results are written by a small pool. The lease lives in
 * the database, so several instances can share the work, and a crashed instance's transactions become
 * due again when their leases expire.
 */
@Component
public class TransactionDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TransactionDispatcher.class);

    private final TransactionStore transactions;
    private final TransactionSteps steps;
    private final RegistryProperties.Dispatch pacing;
    private final Duration lease;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile ScheduledExecutorService ticker;
    private volatile ExecutorService databaseWork;
    /** Only the tick thread reads and writes it. */
    private boolean claimingFails;

    public TransactionDispatcher(TransactionStore transactions, TransactionSteps steps, RegistryProperties properties,
            DispatchMetrics metrics) {
        this.transactions = transactions;
        this.steps = steps;
        this.pacing = properties.dispatch();
        this.lease = properties.claimLease();
        metrics.trackInFlight(inFlight);
    }

    void tick() {
        ExecutorService work = databaseWork;
        if (work == null) {
            return;
        }
        try {
            int capacity = Math.min(pacing.batchSize(), pacing.maxInFlight() - inFlight.get());
            if (capacity <= 0) {
                return;
            }
            List<ClaimedTransaction> claimed = transactions.claimDue(capacity, lease);
            for (ClaimedTransaction transaction : claimed) {
                inFlight.incrementAndGet();
                steps.run(transaction, work).whenComplete((ignored, failure) -> {
                    inFlight.decrementAndGet();
                    if (failure != null) {
                        log.warn("Could not record the step of transaction {}; it is retried when its lease expires: {}",
                                transaction.transactionId(), failure.toString());
                    }
                });
            }
            if (claimingFails) {
                claimingFails = false;
                log.info("Claiming registry transactions works again");
            }
        } catch (RuntimeException e) {
            // Logged once per outage (e.g. the database is down), not every tick.
            if (!claimingFails) {
                claimingFails = true;
                log.warn("Claiming registry transactions failed; trying again every tick: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void start() {
        databaseWork = Executors.newFixedThreadPool(pacing.workers(),
                Thread.ofPlatform().name("registry-results-", 0).daemon().factory());
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("registry-dispatcher").daemon().factory());
        ticker.scheduleWithFixedDelay(this::tick, 0, pacing.tick().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops claiming; results already on their way get a moment to be written, the rest wait for their lease. */
    @Override
    public synchronized void stop() {
        if (ticker == null) {
            return;
        }
        ticker.shutdownNow();
        databaseWork.shutdown();
        try {
            if (!databaseWork.awaitTermination(5, TimeUnit.SECONDS)) {
                databaseWork.shutdownNow();
            }
        } catch (InterruptedException e) {
            databaseWork.shutdownNow();
            Thread.currentThread().interrupt();
        }
        ticker = null;
        databaseWork = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return ticker != null;
    }
}
