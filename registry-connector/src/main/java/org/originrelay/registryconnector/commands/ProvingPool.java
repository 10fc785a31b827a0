package org.originrelay.registryconnector.commands;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.originrelay.registryconnector.persistence.CommandStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the transactions of issuances and slicings (their range proofs) off the consumer: a fixed number
 * of builder threads, each taking one command awaiting its build at a time in its own transaction
 * ({@link CommandIntake#buildNextAwaiting()}). The work is in the database, so several instances share it,
 * a build that fails or dies is rolled back and taken again, and nothing is queued in memory.
 *
 * <p>Meters: {@code relay.registry.proving.build} (time to build and store one command) and
 * {@code relay.registry.proving.queue} (commands awaiting their build, all instances').
 */
@Component
public class ProvingPool implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProvingPool.class);

    private final CommandIntake intake;
    private final TransactionTemplate transactions;
    private final ProvingSignal signal;
    private final ProvingProperties properties;
    private final Timer buildTime;
    private final AtomicBoolean buildingFails = new AtomicBoolean();
    private volatile ExecutorService builders;

    public ProvingPool(CommandIntake intake, TransactionTemplate transactions, ProvingSignal signal,
            ProvingProperties properties, CommandStore commands, MeterRegistry meters) {
        this.intake = intake;
        this.transactions = transactions;
        this.signal = signal;
        this.properties = properties;
        this.buildTime = Timer.builder("relay.registry.proving.build")
                .description("time to build (prove) and store the transactions of one issuance or slicing")
                .register(meters);
        Gauge.builder("relay.registry.proving.queue", () -> awaiting(commands))
                .description("commands whose transactions wait to be built (proved), all instances'")
                .register(meters);
    }

    private void buildWhileThereIsWork() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (!buildOne()) {
                    signal.await(properties.poll());
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // Rolled back: the command awaits its build again. Logged once per outage, not every poll.
                if (buildingFails.compareAndSet(false, true)) {
                    log.warn("Building a command's registry transactions failed; trying again every {}: {}",
                            properties.poll(), e.toString());
                }
                try {
                    signal.await(properties.poll());
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private boolean buildOne() {
        long start = System.nanoTime();
        boolean built = Boolean.TRUE.equals(transactions.execute(status -> intake.buildNextAwaiting()));
        if (built) {
            buildTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (buildingFails.compareAndSet(true, false)) {
                log.info("Building registry transactions works again");
            }
        }
        return built;
    }

    private static double awaiting(CommandStore commands) {
        try {
            return commands.awaitingBuild();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public synchronized void start() {
        int threads = properties.effectiveThreads();
        builders = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("registry-proving-", 0).daemon().factory());
        for (int i = 0; i < threads; i++) {
            builders.execute(this::buildWhileThereIsWork);
        }
    }

    /** Stops building; a build in progress is interrupted or rolled back, and its command built again later. */
    @Override
    public synchronized void stop() {
        if (builders == null) {
            return;
        }
        builders.shutdownNow();
        try {
            if (!builders.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("A builder is still proving after 10 s; its command is built again after the restart");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        builders = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return builders != null;
    }
}
