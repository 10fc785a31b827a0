package org.originrelay.registryconnector.commands;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.originrelay.contracts.events.ClaimEvent.ClaimValidated;
import org.originrelay.contracts.events.IssueCertificateEvent.IssueCertificateValidated;
import org.originrelay.contracts.events.SliceCertificateEvent.SliceCertificateValidated;
import org.originrelay.contracts.events.TransferSliceEvent.TransferSliceValidated;
import org.originrelay.registryconnector.reconciliation.ReconciliationStore;
import org.originrelay.contracts.events.CertificateEvent;
import org.originrelay.contracts.events.EventMetadata;
import org.originrelay.registry.protocol.TransactionIds;
import org.originrelay.registry.protocol.v1.registry.Transaction;
import org.originrelay.registryconnector.dispatch.DispatchSignal;
import org.originrelay.registryconnector.persistence.CommandStore;
import org.originrelay.registryconnector.persistence.StoredCommand;
import org.originrelay.registryconnector.persistence.TransactionStore;
import org.originrelay.registryconnector.registry.RegistryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes a validated command in and builds its registry transactions once. Sending is the dispatcher's
 * job, so the consumer never waits for the registry. Transactions carry a random nonce, so building twice
 * would give different ids: that is why a command is built once, and a command id already stored is
 * ignored.
 *
 * <p>Transfers and claims are built in the consumer's transaction: they carry no range proof, and
 * building them costs well under a millisecond. Issuances and slicings commit to quantities with range
 * proofs (tens of milliseconds of CPU each): the consumer only stores them awaiting their build, and the
 * {@link ProvingPool} builds them, so no command waits on the consumer behind a proof.
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
    private final ReconciliationStore reconciliations;
    private final ProvingSignal provingSignal;
    private final DispatchSignal dispatchSignal;

    public CommandIntake(CommandStore commands, TransactionStore transactions, RegistryTransactions registryTransactions,
            CommandOutcomes outcomes, RegistryProperties properties, CommandTraces traces,
            ReconciliationStore reconciliations, ProvingSignal provingSignal, DispatchSignal dispatchSignal) {
        this.reconciliations = reconciliations;
        this.provingSignal = provingSignal;
        this.dispatchSignal = dispatchSignal;
        this.commands = commands;
        this.transactions = transactions;
        this.registryTransactions = registryTransactions;
        this.outcomes = outcomes;
        this.properties = properties;
        this.traces = traces;
    }

    public void accept(CertificateEvent validated, EventMetadata metadata) {
        boolean proving = RegistryTransactions.needsProving(validated);
        if (!commands.insert(validated, metadata, proving, traces.current())) {
            log.info("Command {} is already stored; ignoring {} {}", validated.commandId(),
                    validated.eventType().name(), metadata.messageId());
            return;
        }
        reconciliations.rememberCertificates(validated.commandId(), certificatesOf(validated));
        if (proving) {
            log.debug("Command {} stored; the proving pool builds its transactions", validated.commandId());
            provingSignal.wakeAfterCommit();
            return;
        }
        build(validated);
    }

    /**
     * Builds the oldest command awaiting its build that no other builder holds, in the caller's
     * transaction: the command stays locked while it is built, and its transactions are stored and the
     * command marked built in the same commit, so it is built once, or after a crash not at all and again.
     *
     * @return false when no command was free to build
     */
    public boolean buildNextAwaiting() {
        Optional<StoredCommand> next = commands.lockNextAwaitingBuild();
        if (next.isEmpty()) {
            return false;
        }
        StoredCommand command = next.get();
        build(command.validated());
        if (!commands.built(command.commandId())) {
            // Cannot happen while the row is locked; rolls the build back rather than store it twice.
            throw new IllegalStateException("command " + command.commandId() + " was built by someone else");
        }
        return true;
    }

    private void build(CertificateEvent validated) {
        List<Transaction> built;
        try {
            built = validated instanceof ClaimValidated claim ? claimResumingAnyAllocation(claim)
                    : registryTransactions.of(validated);
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
        if (built.isEmpty()) {
            // A resumed claim the registry had already completed: nothing left to send.
            outcomes.accepted(validated.commandId());
        } else {
            // Sent as soon as this commits, not at the dispatcher's next tick.
            dispatchSignal.dueAfterCommit();
        }
    }

    /**
     * A claim of two slices whose earlier claim (same slices, same owner) the registry applied part-way
     * resumes that allocation: same allocation id, and only the steps the registry has not committed.
     */
    private List<Transaction> claimResumingAnyAllocation(ClaimValidated claim) {
        List<Transaction> committed = transactions.committedStepsOfRejectedClaims(claim.productionSliceId(),
                        claim.consumptionSliceId(), claim.owner()).stream()
                .map(step -> parse(step.payload()))
                .toList();
        Optional<UUID> allocationId = committed.stream().map(ClaimSteps::allocationId).flatMap(Optional::stream)
                .reduce((first, later) -> later);
        if (allocationId.isEmpty()) {
            return registryTransactions.of(claim);
        }
        Set<String> done = committed.stream()
                .filter(step -> ClaimSteps.allocationId(step).equals(allocationId))
                .map(step -> ClaimSteps.step(step, claim.productionCertificateId()))
                .flatMap(Optional::stream)
                .collect(Collectors.toSet());
        List<Transaction> missing = registryTransactions.claim(claim, allocationId.get()).stream()
                .filter(step -> !done.contains(ClaimSteps.step(step, claim.productionCertificateId()).orElseThrow()))
                .toList();
        log.info("Claim {} resumes allocation {}: the registry has {} already; sending the {} missing step(s)",
                claim.commandId(), allocationId.get(), done, missing.size());
        return missing;
    }

    private static Transaction parse(byte[] payload) {
        try {
            return Transaction.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a stored transaction is not readable", e);
        }
    }

    private static List<UUID> certificatesOf(CertificateEvent validated) {
        return switch (validated) {
            case IssueCertificateValidated issue -> List.of(issue.certificateId());
            case TransferSliceValidated transfer -> List.of(transfer.certificateId());
            case SliceCertificateValidated slice -> List.of(slice.certificateId());
            case ClaimValidated claim -> List.of(claim.productionCertificateId(), claim.consumptionCertificateId());
            default -> List.of();
        };
    }
}
