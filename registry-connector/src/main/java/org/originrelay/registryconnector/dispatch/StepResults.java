package org.originrelay.registryconnector.dispatch;

import java.time.Duration;
import java.time.Instant;
import org.originrelay.registry.protocol.v1.registry.TransactionState;
import org.originrelay.registryconnector.commands.CommandOutcomes;
import org.originrelay.registryconnector.persistence.ClaimedTransaction;
import org.originrelay.registryconnector.persistence.TransactionStore;
import org.originrelay.registryconnector.registry.RegistryErrors;
import org.originrelay.registryconnector.registry.RegistryProperties;
import org.originrelay.registryconnector.registry.RegistryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what one step of a transaction learned from the registry, each in its own database
 * transaction; the last commit of a command, or any failure, ends the command in that same transaction.
 * A result whose lease has meanwhile expired is dropped: whoever holds the new lease decides.
 */
@Service
@Transactional
public class StepResults {

    private static final Logger log = LoggerFactory.getLogger(StepResults.class);

    private final TransactionStore transactions;
    private final CommandOutcomes outcomes;
    private final DispatchMetrics metrics;
    private final RegistryProperties.Dispatch pacing;
    private final PollSchedule schedule;
    private final Duration settleWindow;
    private final DispatchSignal dispatch;

    public StepResults(TransactionStore transactions, CommandOutcomes outcomes, DispatchMetrics metrics,
            RegistryProperties properties, DispatchSignal dispatch) {
        this.transactions = transactions;
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.pacing = properties.dispatch();
        this.schedule = PollSchedule.of(pacing);
        this.settleWindow = properties.settleWindow();
        this.dispatch = dispatch;
    }

    public void sent(ClaimedTransaction claimed) {
        Duration firstPoll = pacing.firstPoll();
        if (transactions.markSent(claimed, firstPoll, schedule.nextStatusPoll(firstPoll))) {
            dispatch.dueAfterCommit(firstPoll);
            metrics.sent();
            log.debug("Sent transaction {} of command {}", claimed.transactionId(), claimed.commandId());
        } else {
            leaseLost(claimed);
        }
    }

    /** The registry answered a status lookup with a known state (UNKNOWN is the caller's to handle). */
    public void observed(ClaimedTransaction claimed, RegistryStatus status) {
        switch (status.state()) {
            case PENDING -> pending(claimed);
            case COMMITTED, FINALIZED -> committed(claimed, status);
            case FAILED -> failed(claimed, status.message().isBlank()
                    ? "the registry reported the transaction as failed" : status.message());
            case UNKNOWN, UNRECOGNIZED -> unexpected(claimed, status);
        }
    }

    /**
     * The transaction's stream holds it: the registry received and committed it, whatever its status
     * said (an UNKNOWN from an expired status cache, or the FAILED a resend of a committed one causes).
     */
    public void foundInLedger(ClaimedTransaction claimed, RegistryStatus status) {
        log.info("Transaction {} of command {} is in its stream on the registry (status said {}): committed",
                claimed.transactionId(), claimed.commandId(), status.state());
        committed(claimed, new RegistryStatus(TransactionState.COMMITTED,
                status.message()));
    }

    /** Unknown and not in its stream, after a send that may be on its way: wait out the settle window. */
    public void settling(ClaimedTransaction claimed) {
        if (!transactions.waitToSettle(claimed, settleWindow)) {
            leaseLost(claimed);
            return;
        }
        dispatch.dueAfterCommit(claimed.resendNotBefore() == null ? settleWindow
                : Duration.between(Instant.now(), claimed.resendNotBefore()));
        if (claimed.resendNotBefore() == null) {
            log.info("Transaction {} of command {} may have been sent but the registry does not know it yet;"
                    + " looking again after {} before sending it again", claimed.transactionId(), claimed.commandId(),
                    settleWindow);
        }
    }

    /** The registry refused the send outright (it did not take the transaction). */
    public void refused(ClaimedTransaction claimed, Throwable refusal) {
        failed(claimed, "the registry refused the transaction: " + RegistryErrors.describe(refusal));
    }

    /** The call got no answer or an error; the state stays and the step is repeated after a growing wait. */
    public void callFailed(ClaimedTransaction claimed, Throwable failure) {
        Duration wait = claimed.nextWait();
        if (!transactions.retryLater(claimed, wait, schedule.nextRetry(wait))) {
            leaseLost(claimed);
            return;
        }
        dispatch.dueAfterCommit(wait);
        metrics.callFailed(RegistryErrors.status(failure).getCode().name());
        String message = "Step for transaction {} of command {} failed ({}); trying again in {}";
        if (!RegistryErrors.isTransient(failure)) {
            log.warn(message, claimed.transactionId(), claimed.commandId(), RegistryErrors.describe(failure), wait);
        } else if (claimed.failedAttempts() == 0) {
            log.info(message, claimed.transactionId(), claimed.commandId(), RegistryErrors.describe(failure), wait);
        } else {
            log.debug(message, claimed.transactionId(), claimed.commandId(), RegistryErrors.describe(failure), wait);
        }
    }

    private void pending(ClaimedTransaction claimed) {
        boolean stuckNow = !claimed.stuckReported() && claimed.sentAt() != null
                && claimed.sentAt().plus(pacing.stuckAfter()).isBefore(Instant.now());
        boolean stuck = claimed.stuckReported() || stuckNow;
        Duration wait = stuck ? pacing.maxPoll() : schedule.statusPoll(claimed.nextWait());
        Duration nextWait = stuck ? pacing.maxPoll() : schedule.nextStatusPoll(wait);
        if (!transactions.markPending(claimed, wait, nextWait, stuck)) {
            leaseLost(claimed);
            return;
        }
        dispatch.dueAfterCommit(wait);
        if (stuckNow) {
            metrics.stuck();
            log.warn("Transaction {} of command {} is still pending on the registry {} after it was sent (at {}); "
                            + "polling it every {}", claimed.transactionId(), claimed.commandId(), pacing.stuckAfter(),
                    claimed.sentAt(), wait);
        }
    }

    private void committed(ClaimedTransaction claimed, RegistryStatus status) {
        if (!transactions.markCommitted(claimed, status.state().name())) {
            leaseLost(claimed);
            return;
        }
        metrics.committed();
        if (transactions.allCommitted(claimed.commandId())) {
            outcomes.accepted(claimed.commandId());
        } else {
            // The command's next transaction is due now.
            dispatch.dueAfterCommit();
        }
    }

    private void failed(ClaimedTransaction claimed, String reason) {
        if (!transactions.markFailed(claimed, reason)) {
            leaseLost(claimed);
            return;
        }
        metrics.failed();
        outcomes.rejected(claimed.commandId(), reason);
    }

    private void unexpected(ClaimedTransaction claimed, RegistryStatus status) {
        log.warn("Registry reported state {} for transaction {}; asking again later", status.state(),
                claimed.transactionId());
        Duration wait = claimed.nextWait();
        if (!transactions.retryLater(claimed, wait, schedule.nextRetry(wait))) {
            leaseLost(claimed);
            return;
        }
        dispatch.dueAfterCommit(wait);
    }

    private static void leaseLost(ClaimedTransaction claimed) {
        log.warn("Dropped a late result for transaction {}: its lease had expired and it was claimed again",
                claimed.transactionId());
    }
}
