package org.originrelay.registryconnector.commands;

import java.util.UUID;
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

    public CommandOutcomes(CommandStore commands, TransactionStore transactions, CertificateEventPublisher publisher,
            CommandTraces traces) {
        this.commands = commands;
        this.transactions = transactions;
        this.publisher = publisher;
        this.traces = traces;
    }

    /** Every transaction of the command is committed on the registry. */
    public void accepted(UUID commandId) {
        if (commands.finish(commandId, CommandState.ACCEPTED, null)) {
            StoredCommand command = load(commandId);
            try (var trace = traces.continueTrace(commandId, "registry accepted")) {
                publisher.publish(OutcomeEvents.accepted(command.validated()), command.cause());
            }
            log.info("Command {} accepted by the registry", commandId);
        }
    }

    /** The registry refused one of the command's transactions; the ones after it are not sent. */
    public void rejected(UUID commandId, String reason) {
        transactions.abandonUnsent(commandId);
        if (commands.finish(commandId, CommandState.REJECTED, reason)) {
            StoredCommand command = load(commandId);
            try (var trace = traces.continueTrace(commandId, "registry rejected")) {
                publisher.publish(OutcomeEvents.rejected(command.validated(), reason), command.cause());
            }
            log.info("Command {} rejected by the registry: {}", commandId, reason);
        }
    }

    private StoredCommand load(UUID commandId) {
        return commands.find(commandId)
                .orElseThrow(() -> new IllegalStateException("command " + commandId + " is not stored"));
    }
}
