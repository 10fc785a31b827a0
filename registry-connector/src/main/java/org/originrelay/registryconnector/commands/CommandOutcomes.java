package org.originrelay.registryconnector.commands;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.UUID;
import org.originrelay.contracts.events.ClaimEvent.ClaimValidated;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registryconnector.persistence.DeliveryState;
import org.originrelay.registryconnector.persistence.TransactionStore.StoredStep;
import org.originrelay.registryconnector.reconciliation.ReconciliationStore;
import org.originrelay.messaging.events.CertificateEventPublisher;
import org.originrelay.registryconnector.persistence.CommandState;
import org.originrelay.registryconnector.persistence.CommandStore;
import org.originrelay.registryconnector.persistence.StoredCommand;
import org.originrelay.registryconnector.persistence.TransactionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends a command and announces it, in the caller's transaction: the end is stored and the event
 * written to the outbox together, and only once per command.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class CommandOutcomes {

    private static final Logger log = LoggerFactory.getLogger(CommandOutcomes.class);

    private final CommandStore commands;
    private final TransactionStore transactions;
    private final CertificateEventPublisher publisher;
    private final CommandTraces traces;
    private final ReconciliationStore reconciliations;

    public CommandOutcomes(CommandStore commands, TransactionStore transactions, CertificateEventPublisher publisher,
            CommandTraces traces, ReconciliationStore reconciliations) {
        this.reconciliations = reconciliations;
        this.commands = commands;
        this.transactions = transactions;
        this.publisher = publisher;
        this.traces = traces;
    }

    /** Every transaction of the command is committed on the registry. */
    public void accepted(UUID commandId) {
        if (commands.finish(commandId, CommandState.ACCEPTED, null)) {
            reconciliations.touched(commandId);
            StoredCommand command = load(commandId);
            try (var trace = traces.continueTraceOf(command.traceParent(), "registry accepted")) {
                publisher.publish(OutcomeEvents.accepted(command.validated()), command.cause());
            }
            log.info("Command {} accepted by the registry", commandId);
        }
    }

    /**
     * The registry refused one of the command's transactions; the ones after it are not sent. When earlier
     * ones were committed, the reason says what the registry applied; then, and when a transaction was sent
     * more than once (so what the registry holds is in doubt), every certificate the command touched is
     * reconciled at once, so the views learn the registry's state (e.g. an ALLOCATED slice).
     */
    public void rejected(UUID commandId, String reason) {
        transactions.abandonUnsent(commandId);
        List<StoredStep> steps = transactions.steps(commandId);
        boolean partial = steps.stream().anyMatch(step -> step.state() == DeliveryState.COMMITTED);
        // Sent more than once: whatever the registry last said, what it holds is in doubt.
        boolean ambiguous = steps.stream().anyMatch(step -> step.sendAttempts() > 1);
        StoredCommand stored = partial || ambiguous ? load(commandId) : null;
        String told = partial ? partialReason(stored, steps, reason) : reason;
        if (commands.finish(commandId, CommandState.REJECTED, told)) {
            reconciliations.touched(commandId);
            if (partial || ambiguous) {
                for (UUID certificateId : reconciliations.certificatesOf(commandId)) {
                    reconciliations.request(UUID.randomUUID(), certificateId, "command", stored.cause().messageId());
                }
            }
            StoredCommand command = stored != null ? stored : load(commandId);
            try (var trace = traces.continueTraceOf(command.traceParent(), "registry rejected")) {
                publisher.publish(OutcomeEvents.rejected(command.validated(), told), command.cause());
            }
            log.info("Command {} rejected by the registry: {}", commandId, told);
        }
    }

    private static String partialReason(StoredCommand command, List<StoredStep> steps, String registryReason) {
        UUID production = command.validated() instanceof ClaimValidated claim ? claim.productionCertificateId() : null;
        List<String> committed = steps.stream().filter(step -> step.state() == DeliveryState.COMMITTED)
                .map(step -> describe(step, production)).toList();
        String failed = steps.stream().filter(step -> step.state() == DeliveryState.FAILED).findFirst()
                .map(step -> describe(step, production)).orElse("the next transaction");
        return "the registry committed " + ClaimSteps.joined(committed) + " but failed " + failed + ": "
                + registryReason;
    }

    private static String describe(StoredStep step, UUID productionCertificateId) {
        try {
            Transaction transaction = Transaction.parseFrom(step.payload());
            return productionCertificateId == null ? "transaction " + step.transactionId()
                    : ClaimSteps.describe(transaction, productionCertificateId)
                            .orElse("transaction " + step.transactionId());
        } catch (InvalidProtocolBufferException e) {
            return "transaction " + step.transactionId();
        }
    }

    private StoredCommand load(UUID commandId) {
        return commands.find(commandId)
                .orElseThrow(() -> new IllegalStateException("command " + commandId + " is not stored"));
    }
}
