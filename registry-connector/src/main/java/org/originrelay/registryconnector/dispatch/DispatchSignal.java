package org.originrelay.registryconnector.dispatch;

import java.time.Duration;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells this instance's {@link TransactionDispatcher} when a transaction it has just stored or scheduled
 * becomes due, so it is claimed then rather than at the next tick. A wake-up only says "look": the claim
 * in the database decides what is due (and skips what another instance holds), so a lost wake-up costs at
 * most a tick and an extra one an empty claim.
 */
@Component
public class DispatchSignal {

    /** The running dispatcher's "look in this long"; a no-op while it is stopped. */
    private volatile Consumer<Duration> dispatcher = dueIn -> { };

    /** Wakes the dispatcher once the caller's transaction commits (at once when there is none). */
    public void dueAfterCommit() {
        dueAfterCommit(Duration.ZERO);
    }

    /** Wakes the dispatcher {@code dueIn} after the caller's transaction commits (that scheduled the row). */
    public void dueAfterCommit(Duration dueIn) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            dispatcher.accept(dueIn);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatcher.accept(dueIn);
            }
        });
    }

    void listen(Consumer<Duration> running) {
        dispatcher = running;
    }

    void stopListening() {
        dispatcher = dueIn -> { };
    }
}
