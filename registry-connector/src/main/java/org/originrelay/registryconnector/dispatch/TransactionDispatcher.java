package org.originrelay.registryconnector.dispatch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.originrelay.registryconnector.persistence.ClaimedTransaction;
import org.originrelay.registryconnector.persistence.TransactionStore;
import org.originrelay.registryconnector.registry.RegistryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Drives stored transactions to the registry: it leases the transactions that are due (as many as the
 * in-flight limit allows) and starts one asynchronous step for each. It claims when woken
 * ({@link DispatchSignal}: a transaction was stored, or a step scheduled its next one, so it is claimed
 * when it becomes due rather than up to a tick later) and every tick besides, which finds what no
 * wake-up announced (another instance's transactions, leases expired after a crash). Wake-ups within
 * {@link #WAKE_BATCHING} share one claim. The claiming thread only claims; calls run on gRPC's threads
 * and their results are written by a small pool. The lease lives in the database, so several instances
 * can share the work, and a crashed instance's transactions become due again when their leases expire.
 */
@Component
public class TransactionDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TransactionDispatcher.class);

    /**
     * Wake-ups this close together share one claim: under load that claims several transactions per
     * statement instead of one each, for at most this much latency.
     */
    static final Duration WAKE_BATCHING = Duration.ofMillis(5);

    private final TransactionStore transactions;
    private final TransactionSteps steps;
    private final RegistryProperties.Dispatch pacing;
    private final Duration lease;
    private final DispatchSignal signal;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** A claim is scheduled and has not started yet: further wake-ups join it. */
    private final AtomicBoolean claimPending = new AtomicBoolean();
    /** The last claim was cut short by the in-flight limit: the next finished step wakes the dispatcher. */
    private volatile boolean capacityExhausted;
    private volatile ScheduledExecutorService ticker;
    private volatile ExecutorService databaseWork;
    /** Only the tick thread reads and writes it. */
    private boolean claimingFails;

    public TransactionDispatcher(TransactionStore transactions, TransactionSteps steps, RegistryProperties properties,
            DispatchMetrics metrics, DispatchSignal signal) {
        this.signal = signal;
        this.transactions = transactions;
        this.steps = steps;
        this.pacing = properties.dispatch();
        this.lease = properties.claimLease();
        metrics.trackInFlight(inFlight);
    }

    /** Claims what is due {@code dueIn} from now (joining a claim already scheduled sooner). */
    private void wakeIn(Duration dueIn) {
        ScheduledExecutorService claimer = ticker;
        if (claimer == null) {
            return;
        }
        try {
            if (dueIn.compareTo(WAKE_BATCHING) <= 0) {
                if (claimPending.compareAndSet(false, true)) {
                    claimer.schedule(this::claimWoken, WAKE_BATCHING.toMillis(), TimeUnit.MILLISECONDS);
                }
            } else {
                claimer.schedule(() -> wakeIn(Duration.ZERO), dueIn.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException stopping) {
            // Stopped meanwhile: the transaction waits for the next start's ticks.
        }
    }

    private void claimWoken() {
        claimPending.set(false);
        tick();
    }

    void tick() {
        ExecutorService work = databaseWork;
        if (work == null) {
            return;
        }
        try {
            int capacity = Math.min(pacing.batchSize(), pacing.maxInFlight() - inFlight.get());
            if (capacity <= 0) {
                capacityExhausted = true;
                return;
            }
            List<ClaimedTransaction> claimed = transactions.claimDue(capacity, lease);
            if (claimed.size() == capacity) {
                // A full batch: more may be due.
                wakeIn(Duration.ZERO);
            }
            for (ClaimedTransaction transaction : claimed) {
                inFlight.incrementAndGet();
                steps.run(transaction, work).whenComplete((ignored, failure) -> {
                    inFlight.decrementAndGet();
                    if (capacityExhausted) {
                        capacityExhausted = false;
                        wakeIn(Duration.ZERO);
                    }
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
        signal.listen(this::wakeIn);
    }

    /** Stops claiming; results already on their way get a moment to be written, the rest wait for their lease. */
    @Override
    public synchronized void stop() {
        if (ticker == null) {
            return;
        }
        signal.stopListening();
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
