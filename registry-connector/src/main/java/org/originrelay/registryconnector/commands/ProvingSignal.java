package org.originrelay.registryconnector.commands;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes an idle builder of the {@link ProvingPool} when a command awaiting its build is committed, so it
 * is built at once rather than at the next poll. A wake-up only says "look"; the database says what to
 * build, so a lost or extra wake-up costs at most a poll interval or one empty look.
 */
@Component
public class ProvingSignal {

    private final Semaphore wakeUps = new Semaphore(0);

    /** Wakes a builder when the caller's transaction commits (at once when there is none). */
    void wakeAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wake();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wake();
            }
        });
    }

    private void wake() {
        // One wake-up per command, but a burst while every builder is busy leaves at most 64 empty looks.
        if (wakeUps.availablePermits() < 64) {
            wakeUps.release();
        }
    }

    /** Waits for a wake-up, at most {@code poll}. */
    void await(Duration poll) throws InterruptedException {
        wakeUps.tryAcquire(poll.toMillis(), TimeUnit.MILLISECONDS);
    }
}
