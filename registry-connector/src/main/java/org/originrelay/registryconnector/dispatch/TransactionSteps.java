package org.originrelay.registryconnector.dispatch;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.originrelay.registry.protocol.v1.registry.TransactionState;
import org.originrelay.registryconnector.commands.CommandTraces;
import org.originrelay.registryconnector.persistence.ClaimedTransaction;
import org.originrelay.registryconnector.persistence.DeliveryState;
import org.originrelay.registryconnector.persistence.TransactionStore;
import org.originrelay.registryconnector.registry.RegistryClient;
import org.originrelay.registryconnector.registry.RegistryErrors;
import org.originrelay.registryconnector.registry.RegistryProperties;
import org.originrelay.registryconnector.registry.RegistryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One step of the state machine for a leased transaction, by the state it was claimed in:
 * <ul>
 *   <li>STORED (already marked SENDING by the claim), or SENDING without any send attempt: send it.</li>
 *   <li>SENDING after a send whose outcome was not seen, or SENT: ask the registry. PENDING, COMMITTED,
 *       FINALIZED are taken as its status. UNKNOWN does not prove "never received" (the registry's
 *       status cache forgets), so the ledger decides: the transaction's stream holds it → committed;
 *       absent → wait out the settle window, and only if it is still unknown and absent then, send the
 *       same stored bytes again. FAILED after more than one send attempt may be our resend failing a
 *       committed transaction, so the ledger decides that too.</li>
 * </ul>
 * Every send passes the fence first ({@link TransactionStore#recordSendAttempt}): a step whose lease has
 * expired, e.g. after waiting on a busy pool or a long pause, sends nothing. The registry calls are
 * asynchronous; their results are recorded on {@code databaseWork} threads.
 */
@Component
public class TransactionSteps {

    private static final Logger log = LoggerFactory.getLogger(TransactionSteps.class);

    private final RegistryClient registry;
    private final StepResults results;
    private final TransactionStore transactions;
    private final Duration lease;
    private final CommandTraces traces;

    public TransactionSteps(RegistryClient registry, StepResults results, TransactionStore transactions,
            RegistryProperties properties, CommandTraces traces) {
        this.registry = registry;
        this.results = results;
        this.transactions = transactions;
        this.lease = properties.claimLease();
        this.traces = traces;
    }

    public CompletableFuture<Void> run(ClaimedTransaction claimed, Executor databaseWork) {
        // The registry call starts in the command's trace; the gRPC client interceptor makes it a child span.
        try (var trace = traces.continueTraceOf(claimed.traceParent(), "registry " + claimed.stateBeforeClaim())) {
            return step(claimed, databaseWork);
        }
    }

    private CompletableFuture<Void> step(ClaimedTransaction claimed, Executor databaseWork) {
        CompletableFuture<Void> step = switch (claimed.stateBeforeClaim()) {
            case STORED -> fencedSend(claimed, databaseWork);
            case SENDING -> claimed.maybeSent() ? lookUp(claimed, databaseWork) : fencedSend(claimed, databaseWork);
            case SENT -> lookUp(claimed, databaseWork);
            case COMMITTED, FAILED, ABANDONED -> CompletableFuture.failedFuture(new IllegalStateException(
                    "transaction " + claimed.transactionId() + " was claimed in final state " + claimed.stateBeforeClaim()));
        };
        return step.exceptionallyAsync(failure -> {
            results.callFailed(claimed, failure);
            return null;
        }, databaseWork);
    }

    private CompletableFuture<Void> fencedSend(ClaimedTransaction claimed, Executor databaseWork) {
        return CompletableFuture.supplyAsync(() -> transactions.recordSendAttempt(claimed, lease), databaseWork)
                .thenComposeAsync(fenced -> {
                    if (!fenced) {
                        log.warn("Not sending transaction {}: its lease expired before the send (it is taken up again"
                                + " by whoever claims it next)", claimed.transactionId());
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    return send(claimed, databaseWork);
                }, databaseWork);
    }

    private CompletableFuture<Void> send(ClaimedTransaction claimed, Executor databaseWork) {
        return registry.send(claimed.payload()).handleAsync((response, failure) -> {
            if (failure == null) {
                results.sent(claimed);
            } else if (RegistryErrors.isRefusal(failure)) {
                results.refused(claimed, failure);
            } else {
                // No answer (deadline, reset, UNKNOWN…): it may have arrived. Stays SENDING; the ledger decides.
                results.callFailed(claimed, failure);
            }
            return null;
        }, databaseWork);
    }

    private CompletableFuture<Void> lookUp(ClaimedTransaction claimed, Executor databaseWork) {
        return registry.statusOf(claimed.transactionId()).thenComposeAsync(status -> {
            boolean ambiguousFailure = status.state() == TransactionState.FAILED && claimed.sendAttempts() > 1;
            if (status.isUnknown() || ambiguousFailure) {
                return settleByLedger(claimed, status, databaseWork);
            }
            if (claimed.stateBeforeClaim() == DeliveryState.SENDING) {
                log.info("Transaction {} had reached the registry before ({}); not sending it again",
                        claimed.transactionId(), status.state());
            }
            results.observed(claimed, status);
            return CompletableFuture.completedFuture(null);
        }, databaseWork);
    }

    private CompletableFuture<Void> settleByLedger(ClaimedTransaction claimed, RegistryStatus status,
            Executor databaseWork) {
        return registry.streamHolds(claimed.payload(), claimed.transactionId()).thenComposeAsync(inStream -> {
            if (inStream) {
                results.foundInLedger(claimed, status);
                return CompletableFuture.completedFuture(null);
            }
            if (!status.isUnknown()) {
                results.observed(claimed, status);
                return CompletableFuture.completedFuture(null);
            }
            if (!claimed.settleWindowPassed()) {
                results.settling(claimed);
                return CompletableFuture.completedFuture(null);
            }
            log.warn("The registry does not know transaction {} and its stream does not hold it after the settle"
                    + " window; sending the stored transaction again", claimed.transactionId());
            return fencedSend(claimed, databaseWork);
        }, databaseWork);
    }
}
