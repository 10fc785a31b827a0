package org.originrelay.registryconnector.commands;

import java.util.List;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.registry.protocol.TransactionIds;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registryconnector.persistence.CommandStore;
import org.originrelay.registryconnector.persistence.TransactionStore;
import org.originrelay.registryconnector.registry.RegistryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes a validated command in: builds its registry transactions once and stores them with the command,
 * in the consumer's transaction. Sending is the dispatcher's job, so the consumer never waits for the
 * registry. Transactions carry a random nonce, so building twice would give different ids: that is why
 * they are built here, once, and a command id already stored is ignored.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class CommandIntake {

    private static final Logger log = LoggerFactory.getLogger(CommandIntake.class);

    private final CommandStore commands;
    private final TransactionStore transactions;
    private final RegistryTransactions registryTransactions;
    private final CommandOutcomes outcomes;
    private final RegistryProperties properties;
    private final CommandTraces traces;

    public CommandIntake(CommandStore commands, TransactionStore transactions, RegistryTransactions registryTransactions,
            CommandOutcomes outcomes, RegistryProperties properties, CommandTraces traces) {
        this.commands = commands;
        this.transactions = transactions;
        this.registryTransactions = registryTransactions;
        this.outcomes = outcomes;
        this.properties = properties;
        this.traces = traces;
    }

    public void accept(CertificateEvent validated, EventMetadata metadata) {
        if (!commands.insert(validated, metadata)) {
            log.info("Command {} is already stored; ignoring {} {}", validated.commandId(),
                    validated.eventType().name(), metadata.messageId());
            return;
        }
        traces.remember(validated.commandId());
        List<Transaction> built;
        try {
            built = registryTransactions.of(validated);
        } catch (IllegalArgumentException unbuildable) {
            // Announced as a registry rejection so the validator releases its reservation.
            outcomes.rejected(validated.commandId(), "cannot build the registry transaction: " + unbuildable.getMessage());
            return;
        }
        for (int position = 0; position < built.size(); position++) {
            Transaction transaction = built.get(position);
            transactions.store(validated.commandId(), position, TransactionIds.of(transaction),
                    transaction.toByteArray(), properties.dispatch().firstPoll());
        }
        log.info("Command {} stored with {} registry transaction(s)", validated.commandId(), built.size());
    }
}
