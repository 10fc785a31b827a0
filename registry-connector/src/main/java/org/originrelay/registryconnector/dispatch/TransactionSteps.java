package org.originrelay.registryconnector.dispatch;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.originrelay.registryconnector.commands.CommandTraces;
import org.originrelay.registryconnector.persistence.ClaimedTransaction;
import org.originrelay.registryconnector.registry.RegistryClient;
import org.originrelay.registryconnector.registry.RegistryErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One step of the state machine for a leased transaction, by the state it was claimed in:
 * <ul>
 *   <li>STORED (already marked SENDING by the claim): send it.</li>
 *   <li>SENDING (an earlier send may or may not have arrived): ask the registry; only UNKNOWN lets it be
 *       sent, any other answer is taken as its status.</li>
 *   <li>SENT: poll its status.</li>
 * </ul>
 * The registry calls are asynchronous; their results are recorded on {@code databaseWork} threads.
 */
@Component
public class TransactionSteps {

    private static final Logger log = LoggerFactory.getLogger(TransactionSteps.class);

    private final RegistryClient registry;
    private final StepResults results;
    private final CommandTraces traces;

    public TransactionSteps(RegistryClient registry, StepResults results, CommandTraces traces) {
        this.registry = registry;
        this.results = results;
        this.traces = traces;
    }

    public CompletableFuture<Void> run(ClaimedTransaction claimed, Executor databaseWork) {
        // The registry call starts in the command's trace; the gRPC client interceptor makes it a child span.
        try (var trace = traces.continueTrace(claimed.commandId(), "registry " + claimed.stateBeforeClaim())) {
            return step(claimed, databaseWork);
        }
    }

    private CompletableFuture<Void> step(ClaimedTransaction claimed, Executor databaseWork) {
        CompletableFuture<Void> step = switch (claimed.stateBeforeClaim()) {
            case STORED -> send(claimed, databaseWork);
            case SENDING -> lookUpThenSendIfUnknown(claimed, databaseWork);
            case SENT -> poll(claimed, databaseWork);
            case COMMITTED, FAILED, ABANDONED -> CompletableFuture.failedFuture(new IllegalStateException(
                    "transaction " + claimed.transactionId() + " was claimed in final state " + claimed.stateBeforeClaim()));
        };
        return step.exceptionallyAsync(failure -> {
            results.callFailed(claimed, failure);
            return null;
        }, databaseWork);
    }

    private CompletableFuture<Void> send(ClaimedTransaction claimed, Executor databaseWork) {
        return registry.send(claimed.payload()).handleAsync((response, failure) -> {
            if (failure == null) {
                results.sent(claimed);
            } else if (RegistryErrors.isRefusal(failure)) {
                results.refused(claimed, failure);
            } else {
                results.callFailed(claimed, failure);
            }
            return null;
        }, databaseWork);
    }

    private CompletableFuture<Void> lookUpThenSendIfUnknown(ClaimedTransaction claimed, Executor databaseWork) {
        return registry.statusOf(claimed.transactionId()).thenComposeAsync(status -> {
            if (status.isUnknown()) {
                return send(claimed, databaseWork);
            }
            log.info("Transaction {} had reached the registry before ({}); not sending it again",
                    claimed.transactionId(), status.state());
            results.observed(claimed, status);
            return CompletableFuture.completedFuture(null);
        }, databaseWork);
    }

    private CompletableFuture<Void> poll(ClaimedTransaction claimed, Executor databaseWork) {
        return registry.statusOf(claimed.transactionId()).thenComposeAsync(status -> {
            if (status.isUnknown()) {
                log.warn("The registry does not know transaction {}, which it took at {}; sending it again",
                        claimed.transactionId(), claimed.sentAt());
                return send(claimed, databaseWork);
            }
            results.observed(claimed, status);
            return CompletableFuture.completedFuture(null);
        }, databaseWork);
    }
}
